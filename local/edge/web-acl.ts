/**
 * An AWS WAF web ACL as the local edge applies it, before the viewer-request function (WAF inspects the viewer's
 * request first): rules in priority order, the first terminating match decides, else the default action. IP set
 * rules match the socket's address (never a header a client can write); rate-based rules count requests per client
 * IP over the trailing evaluation window and block above the limit.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

export interface WafResponse {
  status: number;
  /** Custom response headers as written; WAF sends each as `x-amzn-waf-<name>`. */
  headers: Array<[string, string]>;
  body?: { contentType: string; content: string };
}

export type WafAction = { kind: 'allow' } | { kind: 'count' } | { kind: 'block'; response?: WafResponse };

export type WafRule =
  | { kind: 'ipSet'; name: string; action: WafAction; ranges: string[] }
  | { kind: 'rate'; name: string; action: WafAction; limit: number; windowSeconds: number };

export interface LocalWebAcl {
  name: string;
  defaultAction: WafAction;
  /** In priority order. */
  rules: WafRule[];
  /** Rules the local edge does not apply (AWS managed rule groups), by name: reported at start. */
  notApplied: string[];
}

export interface WebAclOptions {
  /** Multiplies every evaluation window (0.01 turns 300 s into 3 s, for tests). @default 1 */
  windowScale?: number;
  /** @default Date.now */
  now?: () => number;
}

export type WafVerdict = { action: 'allow' } | { action: 'block'; rule: string; response?: WafResponse };

export interface WebAclEvaluator {
  evaluate(clientIp: string): WafVerdict;
}

/** Buckets per evaluation window: counts are kept per 1/60 of the window, so memory per client is bounded. */
const BUCKETS = 60;
/** Clients tracked per rate rule; the least recently seen are forgotten first beyond this. */
const MAX_TRACKED_CLIENTS = 100_000;

export function createWebAclEvaluator(acl: LocalWebAcl, options: WebAclOptions = {}): WebAclEvaluator {
  const scale = options.windowScale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale))
    throw new TypeError(`web ACL windowScale: must be a positive number (got ${String(scale)})`);
  const now = options.now ?? Date.now;
  const matchers = acl.rules.map((rule) =>
    rule.kind === 'ipSet' ? ipSetMatcher(rule.ranges) : rateCounter(rule.limit, rule.windowSeconds * 1000 * scale, now),
  );
  return {
    evaluate(clientIp) {
      const ip = plainAddress(clientIp);
      for (const [index, rule] of acl.rules.entries()) {
        if (!matchers[index]!(ip)) continue;
        if (rule.action.kind === 'count') continue;
        return rule.action.kind === 'allow' ? { action: 'allow' } : blocked(rule.name, rule.action);
      }
      return acl.defaultAction.kind === 'block' ? blocked('Default_Action', acl.defaultAction) : { action: 'allow' };
    },
  };
}

function blocked(rule: string, action: Extract<WafAction, { kind: 'block' }>): WafVerdict {
  return action.response === undefined
    ? { action: 'block', rule }
    : { action: 'block', rule, response: action.response };
}

/** `::ffff:127.0.0.2` (an IPv4 client on a dual-stack socket) is the IPv4 address WAF sees. */
function plainAddress(ip: string): string {
  return ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
}

function ipSetMatcher(ranges: string[]): (ip: string) => boolean {
  const list = new BlockList();
  for (const range of ranges) {
    const [address, prefix] = range.split('/');
    const family = isIPv6(address!) ? 'ipv6' : 'ipv4';
    list.addSubnet(address!, Number(prefix), family);
  }
  return (ip) => (isIPv4(ip) ? list.check(ip, 'ipv4') : isIPv6(ip) ? list.check(ip, 'ipv6') : false);
}

/**
 * Matches when the client's requests in the trailing window, this one included, exceed the limit. Every request that
 * reaches the rule counts, blocked ones too, so a client that keeps flooding stays blocked until its rate falls.
 */
function rateCounter(limit: number, windowMs: number, now: () => number): (ip: string) => boolean {
  const bucketMs = windowMs / BUCKETS;
  const clients = new Map<string, Map<number, number>>();
  return (ip) => {
    const bucket = Math.floor(now() / bucketMs);
    const oldest = bucket - BUCKETS + 1;
    const counts = clients.get(ip) ?? new Map<number, number>();
    clients.delete(ip); // re-inserted below: the map's order is least recently seen first
    for (const key of counts.keys()) if (key < oldest) counts.delete(key);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    clients.set(ip, counts);
    if (clients.size > MAX_TRACKED_CLIENTS) clients.delete(clients.keys().next().value!);
    let total = 0;
    for (const count of counts.values()) total += count;
    return total > limit;
  };
}
