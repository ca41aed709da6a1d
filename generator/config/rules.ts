import type { z } from 'zod';
import { UNFORWARDABLE_HEADERS, type EdgeConfig } from './edge.ts';
import type { SessionsConfig } from './sessions.ts';

interface RuleInput {
  sessions: SessionsConfig;
  edge: EdgeConfig;
  routes: Record<string, unknown>;
}

const ROUTE_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Rules that span fields; each issue names its path and the value. */
export function crossFieldRules(config: RuleInput, ctx: z.RefinementCtx): void {
  for (const key of Object.keys(config.routes)) {
    if (key.startsWith('$') && !['$connect', '$disconnect', '$default'].includes(key)) {
      ctx.addIssue({ code: 'custom', path: ['routes', key], params: { got: key }, message: 'route keys starting with $ are reserved; use $connect, $disconnect, $default or a key without $' });
    } else if (!key.startsWith('$') && !ROUTE_KEY.test(key)) {
      ctx.addIssue({ code: 'custom', path: ['routes', key], params: { got: key }, message: 'must be 1-128 letters, digits, _ . : -' });
    }
  }
  const { sessions, edge } = config;
  if (sessions.store.path && !edge.enabled) {
    ctx.addIssue({ code: 'custom', path: ['sessions', 'store', 'path'], params: { got: true }, message: 'storing the path needs edge.enabled: only the edge can carry a URL path to the API' });
  }
  const names = new Set<string>();
  const attributes = new Set<string>([sessions.partitionKey, sessions.ttl.attribute, 'path', 'headers', 'querystring', 'connectedAt', 'sourceIp']);
  sessions.indexes.forEach((index, i) => {
    if (names.has(index.name)) {
      ctx.addIssue({ code: 'custom', path: ['sessions', 'indexes', i, 'name'], params: { got: index.name }, message: 'index names must be unique' });
    }
    names.add(index.name);
    if (attributes.has(index.attribute)) {
      ctx.addIssue({ code: 'custom', path: ['sessions', 'indexes', i, 'attribute'], params: { got: index.attribute }, message: 'must not reuse the key, the TTL, a stored field or another index attribute' });
    }
    attributes.add(index.attribute);
    if (index.source.from === 'pathSegment' && !edge.enabled) {
      ctx.addIssue({ code: 'custom', path: ['sessions', 'indexes', i, 'source'], params: { got: index.source }, message: 'a path segment needs edge.enabled: only the edge can carry a URL path to the API' });
    }
  });
  edge.forwardHeaders.forEach((header, i) => {
    if (UNFORWARDABLE_HEADERS.includes(header.toLowerCase())) {
      ctx.addIssue({ code: 'custom', path: ['edge', 'forwardHeaders', i], params: { got: header }, message: 'CloudFront cannot forward this header through an origin request policy' });
    }
  });
}
