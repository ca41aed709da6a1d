import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { authorizeConnect } from './authorizer.ts';
import { missingParametersBody, missingRequiredParameters } from './request-parameters.ts';
import { type ConnectDecision, connectResponseType, decideConnect } from './connect-decision.ts';
import type { ConnectionRegistry } from './connection-registry.ts';
import type { GatewayContext } from './context.ts';
import type { CloseInfo } from './connection.ts';
import { handleDisconnect } from './disconnect-handler.ts';
import { type ConnectionFacts, eventInputFor } from './event-input.ts';
import { isStagePath, readHandshake, type UpgradeRequest } from './handshake.ts';
import { FORBIDDEN_BODY, rejectUpgrade, type ResponseHeaderLines, THROTTLED_BODY } from './http-reply.ts';
import { runIntegration, type IntegrationOutcome } from './integration.ts';
import { accessValues } from './access-values.ts';
import type { EventInput } from './types.ts';
import { checkUpgrade } from './upgrade-validation.ts';
import { createTraceRootSource } from '../shared/trace-id.ts';
import { belowMapping, type CustomDomainMapping } from './custom-domains.ts';

/** `wss://{domain}/{key}` (or `/{key}/`, any query string); with no key, `/`. */
function isMappedPath(rawUrl: string | undefined, mapping: CustomDomainMapping): boolean {
  return belowMapping(new URL(rawUrl ?? '/', 'http://localhost').pathname, mapping) === '/';
}

/** What `$disconnect` sees for a client that reset before its accepted handshake completed. */
const ABANDONED_HANDSHAKE: CloseInfo = { code: 1006, reason: 'Connection reset during the handshake' };

export interface UpgradeDeps {
  gateway: GatewayContext;
  wss: WebSocketServer;
  registry: ConnectionRegistry;
  /** the subprotocol `$connect` chose, read back by the ws server's handleProtocols */
  chosenSubprotocols: WeakMap<UpgradeRequest, string>;
  /** lines the in-process edge adds to the 101, read back by the ws server's 'headers' listener */
  extraResponseHeaders: WeakMap<UpgradeRequest, ResponseHeaderLines>;
  isStopping(): boolean;
}

/**
 * Path check, `$connect` (authorization, then integration), then 101 or a refusal. The HTTP server's `upgrade`
 * listener, and the in-process edge's way in (`extraHeaders` then go on whatever the handshake answers).
 */
export type UpgradeHandler = (
  req: UpgradeRequest,
  socket: Duplex,
  head: Buffer,
  extraHeaders?: ResponseHeaderLines,
) => void;

export function createUpgradeHandler(deps: UpgradeDeps): UpgradeHandler {
  const { log } = deps.gateway.options;
  const traceRoot = createTraceRootSource();
  return (req, socket, head, extraHeaders = []) => {
    // First: a client reset while $connect runs must be an event here, not an uncaught ECONNRESET.
    socket.on('error', (error) => log(`upgrade socket error: ${error.message}`));
    if (deps.isStopping()) return rejectUpgrade(socket, 503, '{"message":"Service Unavailable"}', extraHeaders);
    // A custom domain's Host: the mapping key stands where the stage would (docs/aws-behaviour.md#apigw-custom-domains).
    const custom = deps.gateway.customDomainFor(req.headers.host);
    const onStage =
      custom === undefined ? isStagePath(req.url, deps.gateway.options.stage) : isMappedPath(req.url, custom);
    if (!onStage) return rejectUpgrade(socket, 403, FORBIDDEN_BODY, extraHeaders);
    if (!deps.gateway.answersForHost(req.headers.host)) {
      log(
        `upgrade refused with 403: Host ${JSON.stringify(req.headers.host)} is not this API's (${deps.gateway.domainName()})`,
      );
      return rejectUpgrade(socket, 403, FORBIDDEN_BODY, extraHeaders);
    }
    // Everything ws's handleUpgrade would refuse is refused here, before $connect can write anything.
    const check = checkUpgrade(req);
    if (!check.ok) {
      log(`upgrade refused with ${check.status}: ${check.reason}`);
      return rejectUpgrade(socket, check.status, JSON.stringify({ message: check.reason }), [
        ...check.headers,
        ...extraHeaders,
      ]);
    }
    const facts: ConnectionFacts = {
      id: deps.gateway.newId(),
      connectedAt: Date.now(),
      handshake: readHandshake(req, traceRoot),
      ...(custom === undefined ? {} : { domainName: custom.domainName }),
    };
    if (extraHeaders.length > 0) deps.extraResponseHeaders.set(req, extraHeaders);
    deps.registry.trackHandshake(socket, completeHandshake(deps, req, socket, head, facts));
  };
}

async function completeHandshake(
  deps: UpgradeDeps,
  req: UpgradeRequest,
  socket: Duplex,
  head: Buffer,
  handshakeFacts: ConnectionFacts,
): Promise<void> {
  const { log } = deps.gateway.options;
  // `facts` gains the authorizer's output when a Lambda authorizer accepted the connection.
  const { decision, facts, input, outcome, integrationLatency, responseType } = await runConnectRoute(
    deps.gateway,
    handshakeFacts,
  );
  if (input !== undefined) {
    const status = decision.accept ? 200 : decision.status;
    const errorMessage = decision.accept ? undefined : messageOf(decision.body);
    deps.gateway.observer?.request?.(
      accessValues('connect', input, {
        status,
        ...(outcome ? { outcome } : {}),
        ...(integrationLatency !== undefined ? { integrationLatency } : {}),
        ...(errorMessage ? { errorMessage } : {}),
        ...(responseType ? { responseType } : {}),
      }),
    );
  }
  // Not readable = the client half-closed (FIN) while $connect ran: ws's handleUpgrade would drop
  // the socket without a callback, so the connection would never open nor run $disconnect.
  if (socket.destroyed || !socket.writable || !socket.readable) {
    log(`connection ${facts.id}: client went away during $connect`);
    socket.destroy(); // a half-closed socket would otherwise stay open, and keep the server from closing
    // $connect may already have written state (the session record): close the books on it the
    // way a reset open connection would (UNCONFIRMED on AWS; local/FEATURES.md).
    if (decision.accept) await handleDisconnect(deps.gateway, facts, ABANDONED_HANDSHAKE);
    return;
  }
  if (!decision.accept) {
    log(`connection ${facts.id} refused with ${decision.status}: ${decision.reason}`);
    return rejectUpgrade(socket, decision.status, decision.body, deps.extraResponseHeaders.get(req));
  }
  if (decision.subprotocol !== undefined) deps.chosenSubprotocols.set(req, decision.subprotocol);
  // ws reads only method, headers and url from the request, which an in-process UpgradeRequest has like an
  // IncomingMessage. With no verifyClient, handleUpgrade calls back synchronously or never: it destroys a socket
  // that died meanwhile (or answers a refusal) without calling back.
  let adopted = false;
  deps.wss.handleUpgrade(req as IncomingMessage, socket, head, (ws) => {
    adopted = true;
    deps.registry.adopt(ws, socket, facts);
  });
  if (!adopted) {
    log(`connection ${facts.id}: the upgrade failed after $connect accepted it`);
    socket.destroy();
    await handleDisconnect(deps.gateway, facts, ABANDONED_HANDSHAKE);
  }
}

/**
 * Authorization first, then the integration, which sees the authorizer's output like every
 * later event. No `$connect` route: the connection is accepted (docs/aws-behaviour.md#apigw-connect).
 */
async function runConnectRoute(gateway: GatewayContext, facts: ConnectionFacts): Promise<ConnectRun> {
  const route = gateway.options.routes.get('$connect');
  if (route === undefined) return { decision: { accept: true, subprotocol: undefined }, facts };
  const input = eventInputFor(gateway, facts, '$connect', { withHandshake: true });
  // Throttling comes before authorization: a throttled request reaches neither the authorizer nor the integration.
  if (gateway.routeThrottles.get('$connect')?.take() === false) {
    const reason = `$connect: the stage's route throttle (${route.throttle?.rateLimit}/s, burst ${route.throttle?.burstLimit}) exceeded`;
    return {
      decision: { accept: false, status: 429, body: THROTTLED_BODY, reason },
      facts,
      input,
      responseType: 'THROTTLED',
    };
  }
  const authorization = await authorizeConnect(
    gateway,
    route.authorization ?? { type: 'NONE' },
    facts.handshake,
    input,
  );
  if (!authorization.accept) return { decision: authorization, facts, input, responseType: authorization.responseType };
  const { authorizer } = authorization;
  let authorized =
    authorizer === undefined ? { facts, input } : { facts: { ...facts, authorizer }, input: { ...input, authorizer } };
  // After authorization: `$context.authorizer.usageIdentifierKey` can be the key (docs/aws-behaviour.md#apigw-api-keys).
  if (route.apiKeyRequired === true) {
    const checked = gateway.apiKeys.check(facts.handshake, authorizer);
    if (!checked.accept) return { decision: checked, ...authorized, responseType: checked.responseType };
    const apiKey = checked.key;
    authorized = { facts: { ...authorized.facts, apiKey }, input: { ...authorized.input, apiKey } };
  }
  // After authorization, as REST checks required parameters after its authorizer (UNCONFIRMED for WebSocket).
  // Nothing is built on the path of a $connect that declares none.
  const missing =
    route.requiredParameters === undefined ? [] : missingRequiredParameters(route.requiredParameters, authorized.input);
  if (missing.length > 0) {
    const reason = `$connect: required route request parameters missing: ${missing.join(', ')}`;
    return {
      decision: { accept: false, status: 400, body: missingParametersBody(missing), reason },
      ...authorized,
      responseType: 'BAD_REQUEST_PARAMETERS',
    };
  }
  const started = Date.now();
  const outcome = await runIntegration(gateway, route, 'connect', authorized.input);
  const decision = decideConnect(outcome);
  const responseType = connectResponseType(outcome, decision);
  return {
    ...(responseType === undefined ? {} : { responseType }),
    decision,
    facts: authorized.facts,
    input: authorized.input,
    outcome,
    integrationLatency: Date.now() - started,
  };
}

/** `$connect`'s decision, and what its access log line reads. */
interface ConnectRun {
  decision: ConnectDecision;
  facts: ConnectionFacts;
  input?: EventInput;
  outcome?: IntegrationOutcome;
  integrationLatency?: number;
  /** `$context.error.responseType` of a refusal API Gateway itself decided (authorizer, API key) */
  responseType?: string;
}

/** `{"message": "Forbidden"}` → `Forbidden` (the access log's `$context.error.message`). */
function messageOf(body: string): string | undefined {
  try {
    const message = (JSON.parse(body) as { message?: unknown }).message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}
