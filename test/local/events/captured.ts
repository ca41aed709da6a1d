import { readFileSync } from 'node:fs';

/** A captured AWS event from `fixtures/` (each file names its source in `_source`). */
export function readCapturedEvent(name: 'connect-event' | 'message-event' | 'disconnect-event'): Record<string, any> {
  const text = readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8');
  return (JSON.parse(text) as { event: Record<string, any> }).event;
}

/**
 * The structure of a JSON value: key sets (sorted) and value types, recursively; arrays by
 * the shape of their elements. Two events with equal shapes have the same fields, nesting
 * and types, whatever their values.
 */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return { array: [...new Set(value.map((v) => JSON.stringify(shapeOf(v))))] };
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, shapeOf((value as Record<string, unknown>)[k])]),
    );
  }
  return value === null ? 'null' : typeof value;
}

/** The connection and request facts a captured event carries, as builder input. */
export function factsOf(captured: Record<string, any>) {
  const rc = captured.requestContext;
  return {
    connectionId: rc.connectionId as string,
    connectedAt: rc.connectedAt as number,
    requestId: rc.requestId as string,
    requestTimeEpoch: rc.requestTimeEpoch as number,
    stage: rc.stage as string,
    apiId: rc.apiId as string,
    domainName: rc.domainName as string,
    sourceIp: rc.identity.sourceIp as string,
    ...(rc.identity.userAgent === undefined ? {} : { userAgent: rc.identity.userAgent as string }),
  };
}
