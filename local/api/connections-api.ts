import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConnectionRegistry } from './connection-registry.ts';
import type { GatewayContext } from './context.ts';
import { readBody } from '../shared/read-body.ts';
import { FORBIDDEN_BODY, sendJson, THROTTLED_BODY } from './http-reply.ts';
import type { ConnectionsAuthorizer } from './types.ts';
import { createRateLimiter } from './rate-limit.ts';
import { belowMapping } from './custom-domains.ts';

/**
 * A path under a custom domain's mapping that is not `@connections/{id}`, such as `/{stage}/@connections/{id}` (the
 * stage where the mapping key already stands): API Gateway answers "No method found matching route …", as reported
 * for handlers that build `https://{domainName}/{stage}` behind a custom domain (docs/aws-behaviour.md#apigw-custom-domains).
 */
function noMethod(req: IncomingMessage, res: ServerResponse, below: string): void {
  req.resume();
  const message = `No method found matching route ${below.replace(/^\//, '')} for http method ${req.method ?? 'GET'}.`;
  sendJson(res, 403, JSON.stringify({ message }), 'ForbiddenException');
}

/**
 * The `@connections` management API on `/{stage}/@connections/{id}` (docs/aws-behaviour.md#apigw-connections).
 * `@` may arrive as `%40` and the id is URL-decoded. Signatures are not checked.
 * 410 bodies are `{}` (real ones are empty or unparseable; the SDK reads the
 * `x-amzn-ErrorType` header).
 */
const CONNECTIONS_PATH = /^\/([^/]+)\/(?:@|%40)connections\/([^/]+)$/i;
/** Below a custom domain's mapping key. */
const MAPPED_CONNECTIONS_PATH = /^\/(?:@|%40)connections\/([^/]+)$/i;
const GONE_BODY = '{}';
const DELETED = { code: 1000, reason: 'Connection Closed Normally' };
/** UNCONFIRMED: the body of a throttled @connections request (the SDKs read the error name from the header). */

const MANAGED_METHODS = new Set(['POST', 'GET', 'DELETE']);

/**
 * With `authorize`, each POST/GET/DELETE on a connection is asked about first (IAM, as API Gateway authorizes
 * `execute-api:ManageConnections` before it looks at the connection): a refusal is answered and the request's body is
 * drained unread, so a denied POST delivers nothing.
 */
export function createConnectionsApiHandler(
  gateway: GatewayContext,
  registry: ConnectionRegistry,
  authorize?: ConnectionsAuthorizer,
): (req: IncomingMessage, res: ServerResponse) => void {
  const { stage, limits, log, connectionsRequestsPerSecond } = gateway.options;
  const limiter =
    connectionsRequestsPerSecond === undefined ? undefined : createRateLimiter(connectionsRequestsPerSecond);
  return (req, res) => {
    res.on('error', (error) => log(`@connections response error: ${error.message}`));
    if (limiter !== undefined && !limiter.take()) {
      req.resume();
      return sendJson(res, 429, THROTTLED_BODY, 'LimitExceededException');
    }
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const custom = gateway.customDomainFor(req.headers.host);
    let connectionId: string | undefined;
    if (custom === undefined) {
      const match = CONNECTIONS_PATH.exec(pathname);
      connectionId = match?.[1] === stage ? decodeId(match[2] ?? '') : undefined;
    } else {
      // Under a custom domain the mapping key replaces the stage: `/{key}/@connections/{id}`.
      const below = belowMapping(pathname, custom);
      const match = below === undefined ? null : MAPPED_CONNECTIONS_PATH.exec(below);
      connectionId = match === null ? undefined : decodeId(match[1] ?? '');
      if (connectionId === undefined && below !== undefined) return noMethod(req, res, below);
    }
    if (connectionId === undefined) return forbidden(req, res);
    if (authorize === undefined || !MANAGED_METHODS.has(req.method ?? '')) return manage(req, res, connectionId);
    authorize(req.headers.authorization, req.method ?? '').then(
      (denied) => {
        if (denied === undefined) return manage(req, res, connectionId);
        req.resume();
        res
          .writeHead(denied.statusCode, { ...denied.headers, 'Content-Length': Buffer.byteLength(denied.body) })
          .end(denied.body);
      },
      (error: Error) => {
        log(`@connections ${req.method} ${connectionId}: authorization failed: ${error.message}`, 'error');
        req.resume();
        sendJson(res, 500, '{"message":"Internal server error"}');
      },
    );
  };

  function manage(req: IncomingMessage, res: ServerResponse, connectionId: string): void {
    const connection = registry.get(connectionId);
    switch (req.method) {
      case 'POST':
        return void readBody(req, limits.messageBytes).then(
          (body) => {
            if (body === undefined) {
              const message = `Payload too large. Max payload size is ${limits.messageBytes} bytes.`;
              return sendJson(res, 413, JSON.stringify({ message }), 'PayloadTooLargeException');
            }
            const target = registry.get(connectionId); // may have closed while the body arrived
            if (target === undefined || !target.isOpen()) return sendJson(res, 410, GONE_BODY, 'GoneException');
            target.send(body.toString('utf8'));
            res.writeHead(200, { 'Content-Length': 0 }).end();
          },
          (error: Error) => {
            log(`@connections POST ${connectionId}: ${error.message}`);
            res.destroy();
          },
        );
      case 'GET':
        req.resume();
        if (connection === undefined || !connection.isOpen()) sendJson(res, 410, GONE_BODY, 'GoneException');
        else sendJson(res, 200, JSON.stringify(describe(connection)));
        return;
      case 'DELETE':
        req.resume();
        if (connection === undefined || !connection.isOpen()) {
          sendJson(res, 410, GONE_BODY, 'GoneException');
          return;
        }
        // As API Gateway logs the $disconnect after DeleteConnection (docs/aws-behaviour.md#apigw-connections).
        connection.close(DELETED);
        res.writeHead(204).end();
        return;
      default:
        forbidden(req, res);
    }
  }
}

function describe(connection: NonNullable<ReturnType<ConnectionRegistry['get']>>) {
  const identity: Record<string, string> = { sourceIp: connection.handshake.sourceIp };
  if (connection.handshake.userAgent !== undefined) identity['userAgent'] = connection.handshake.userAgent;
  return {
    connectedAt: new Date(connection.connectedAt).toISOString(),
    identity,
    lastActiveAt: new Date(connection.lastActiveAt()).toISOString(),
  };
}

function forbidden(req: IncomingMessage, res: ServerResponse): void {
  req.resume();
  sendJson(res, 403, FORBIDDEN_BODY, 'ForbiddenException');
}

function decodeId(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined; // malformed escape: no such connection can exist
  }
}
