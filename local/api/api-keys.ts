import type { HandshakeRequest } from './handshake.ts';
import { FORBIDDEN_BODY, THROTTLED_BODY } from './http-reply.ts';
import { createRateLimiter } from './rate-limit.ts';
import type { ApiKeyGrant, ApiKeyOptions, ConnectionApiKey, ConnectionAuthorizer } from './types.ts';

/** What the API key check lets through, or how API Gateway refuses (docs/aws-behaviour.md#apigw-api-keys). */
export type ApiKeyDecision =
  | { accept: true; key: ConnectionApiKey }
  | { accept: false; status: 403 | 429; body: string; reason: string; responseType: ApiKeyResponseType };

/** `$context.error.responseType` of each refusal: API Gateway's gateway response types. */
export type ApiKeyResponseType = 'INVALID_API_KEY' | 'THROTTLED' | 'QUOTA_EXCEEDED';

const QUOTA_BODY = '{"message":"Limit Exceeded"}';

export interface ApiKeyGate {
  /** Checks the `$connect` request's key; counts it against its usage plan's throttle and quota when it is valid. */
  check(handshake: HandshakeRequest, authorizer: ConnectionAuthorizer | undefined): ApiKeyDecision;
}

interface KeyState {
  grant: ApiKeyGrant;
  limiter: { take(): boolean } | undefined;
  quota: { period: string; used: number };
}

/**
 * The usable keys of this stage by value. A key counts only when it is enabled and in a usage plan naming this API
 * and stage (the template reader decides that); anything else is 403 `Forbidden`, like a missing key.
 */
export function createApiKeyGate(options: ApiKeyOptions | undefined, now: () => number = Date.now): ApiKeyGate {
  const byValue = new Map<string, KeyState>();
  for (const grant of options?.keys ?? []) {
    const limiter = grant.throttle
      ? createRateLimiter(grant.throttle.rateLimit, now, grant.throttle.burstLimit)
      : undefined;
    byValue.set(grant.value, { grant, limiter, quota: { period: '', used: 0 } });
  }
  const source = options?.source ?? 'HEADER';
  return {
    check(handshake, authorizer) {
      const presented = source === 'HEADER' ? headerKey(handshake) : authorizer?.usageIdentifierKey;
      const where = source === 'HEADER' ? 'the x-api-key header' : "the authorizer's usageIdentifierKey";
      if (presented === undefined || presented === '')
        return forbidden(`API key required: ${where} is missing or empty`);
      const state = byValue.get(presented);
      if (state === undefined)
        return forbidden(`API key required: ${where} is not an enabled key in a usage plan of this stage`);
      const { grant } = state;
      if (grant.quota !== undefined) {
        const period = periodOf(grant.quota.period, now());
        if (state.quota.period !== period) state.quota = { period, used: 0 };
        if (state.quota.used >= grant.quota.limit) {
          return refuse(
            429,
            QUOTA_BODY,
            'QUOTA_EXCEEDED',
            `API key ${grant.id}: usage plan quota of ${grant.quota.limit} a ${grant.quota.period.toLowerCase()} used up`,
          );
        }
      }
      if (state.limiter !== undefined && !state.limiter.take()) {
        return refuse(
          429,
          THROTTLED_BODY,
          'THROTTLED',
          `API key ${grant.id}: usage plan throttle (${grant.throttle?.rateLimit}/s, burst ${grant.throttle?.burstLimit}) exceeded`,
        );
      }
      state.quota.used += 1;
      return { accept: true, key: { id: grant.id, value: grant.value } };
    },
  };
}

/** `$request.header.x-api-key`: header names match without case; the last value wins, as in the event's `headers`. */
function headerKey(handshake: HandshakeRequest): string | undefined {
  let found: string | undefined;
  for (const [name, value] of Object.entries(handshake.headers)) if (name.toLowerCase() === 'x-api-key') found = value;
  return found;
}

/** The UTC period a request falls in: a day, an ISO-style week starting Monday, or a calendar month. */
export function periodOf(period: 'DAY' | 'WEEK' | 'MONTH', at: number): string {
  const date = new Date(at);
  const day = date.toISOString().slice(0, 10);
  if (period === 'DAY') return day;
  if (period === 'MONTH') return day.slice(0, 7);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - sinceMonday))
    .toISOString()
    .slice(0, 10);
}

function forbidden(reason: string): ApiKeyDecision {
  return refuse(403, FORBIDDEN_BODY, 'INVALID_API_KEY', reason);
}

function refuse(status: 403 | 429, body: string, responseType: ApiKeyResponseType, reason: string): ApiKeyDecision {
  return { accept: false, status, body, reason, responseType };
}
