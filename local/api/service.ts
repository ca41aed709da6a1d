import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { answerClientErrors, type ClientErrorAnswers, httpTimeoutOptions } from '../shared/client-error.ts';
import { createApiKeyGate } from './api-keys.ts';
import { createRouteThrottles } from './route-throttles.ts';
import { createConnectionRegistry } from './connection-registry.ts';
import { createConnectionsApiHandler } from './connections-api.ts';
import type { GatewayContext } from './context.ts';
import { createFailureLog } from './failure-log.ts';
import { createHostCheck } from './host-names.ts';
import { mappingForHost } from './custom-domains.ts';
import { createIdSource } from './ids.ts';
import { resolveOptions } from './options.ts';
import { createTimeoutQueues } from './timeout-queue.ts';
import type { ApiGatewayService, ApiGatewayServiceOptions } from './types.ts';
import type { UpgradeRequest } from './handshake.ts';
import { rejectUpgrade, type ResponseHeaderLines } from './http-reply.ts';
import { createUpgradeHandler } from './upgrade-handler.ts';
import { createSelectionExpressionCache } from '../../lang/selection/index.ts';

/**
 * Requests that never reach a handler: headers over Node's 16 KB, too slow, or not HTTP. AWS's answers are
 * UNCONFIRMED; these are Node's default statuses with API Gateway's JSON error body (local/FEATURES.md).
 */
const CLIENT_ERROR_ANSWERS: ClientErrorAnswers = {
  'header-overflow': {
    status: 431,
    contentType: 'application/json',
    body: '{"message":"Request Header Fields Too Large"}',
  },
  timeout: { status: 408, contentType: 'application/json', body: '{"message":"Request Timeout"}' },
  malformed: { status: 400, contentType: 'application/json', body: '{"message":"Bad Request"}' },
};

/**
 * The local API Gateway WebSocket API: one HTTP server on 127.0.0.1 that upgrades
 * `/{stage}` to WebSockets (after `$connect`) and serves `/{stage}/@connections/{id}`.
 */
export function createApiGatewayService(options: ApiGatewayServiceOptions): ApiGatewayService {
  const resolved = resolveOptions(options);
  let server: Server | undefined;
  let port = 0;
  let stopping = false;

  const gateway: GatewayContext = {
    options: resolved,
    backends: options.backends,
    vtl: options.vtl,
    selectionExpression: createSelectionExpressionCache(),
    domainName: () => resolved.domainName ?? `127.0.0.1:${port}`,
    customDomainFor: (host) => mappingForHost(resolved.customDomains, host),
    answersForHost: createHostCheck(
      () => resolved.domainName ?? `127.0.0.1:${port}`,
      (host) => mappingForHost(resolved.customDomains, host) !== undefined,
    ),
    newId: createIdSource(),
    apiKeys: createApiKeyGate(resolved.apiKeys),
    routeThrottles: createRouteThrottles(resolved.routes),
    integrationTimeouts: createTimeoutQueues(),
    logFailure: createFailureLog(resolved.log),
    observer: options.observer,
  };
  const registry = createConnectionRegistry(gateway);
  const chosenSubprotocols = new WeakMap<UpgradeRequest, string>();
  const extraResponseHeaders = new WeakMap<UpgradeRequest, ResponseHeaderLines>();
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: resolved.limits.messageBytes,
    // Off: frame sizes are then checkable on the wire (frame-guard.ts), and clients must cope anyway (docs/aws-behaviour.md#apigw-subprotocols).
    perMessageDeflate: false,
    // Never echo an offered subprotocol: only what $connect returned (false = send none).
    handleProtocols: (_offered, req) => chosenSubprotocols.get(req) ?? false,
  });
  wss.on('headers', (headers: string[], req: IncomingMessage) => {
    const extra = extraResponseHeaders.get(req);
    if (extra !== undefined) headers.push(...extra);
  });
  const upgrade = createUpgradeHandler({
    gateway,
    wss,
    registry,
    chosenSubprotocols,
    extraResponseHeaders,
    isStopping: () => stopping,
  });

  return {
    get port() {
      return port;
    },
    connections: () => registry.ids(),
    describeConnection: (id) => registry.describe(id),
    acceptUpgrade: (request, socket, head, extraHeaders) => {
      if (server === undefined) return rejectUpgrade(socket, 503, '{"message":"Service Unavailable"}', extraHeaders);
      upgrade(request, socket, head, extraHeaders);
    },
    async start() {
      if (server !== undefined) throw new Error('api gateway: start() called twice');
      stopping = false;
      const listening = createServer(
        httpTimeoutOptions(resolved.httpTimeouts),
        createConnectionsApiHandler(gateway, registry, options.authorizeConnections),
      );
      listening.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => upgrade(req, socket, head));
      answerClientErrors(listening, CLIENT_ERROR_ANSWERS, resolved.log);
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(resolved.port, '127.0.0.1', () => {
          listening.off('error', reject);
          resolve();
        });
      });
      server = listening;
      port = (listening.address() as AddressInfo).port;
      resolved.log(`listening on ws://127.0.0.1:${port}/${resolved.stage}`);
    },
    async stop(closeWith) {
      const closing = server;
      if (closing === undefined) return;
      stopping = true;
      // Running and waiting Lambda work ends now, so the $disconnects below do not wait behind it.
      options.backends.interruptWork?.();
      await registry.closeAll(closeWith);
      await new Promise<void>((resolve) => {
        closing.close(() => resolve());
        closing.closeAllConnections(); // idle keep-alive sockets of @connections clients
      });
      server = undefined;
      port = 0;
    },
  };
}
