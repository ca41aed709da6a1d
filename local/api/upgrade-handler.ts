import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { authorizeConnect } from './authorizer.ts';
import { type ConnectDecision, decideConnect } from './connect-decision.ts';
import type { ConnectionRegistry } from './connection-registry.ts';
import type { GatewayContext } from './context.ts';
import type { CloseInfo } from './connection.ts';
import { handleDisconnect } from './disconnect-handler.ts';
import { type ConnectionFacts, eventInputFor } from './event-input.ts';
import { isStagePath, isWebSocketUpgrade, readHandshake } from './handshake.ts';
import { FORBIDDEN_BODY, rejectUpgrade } from './http-reply.ts';
import { runIntegration } from './integration.ts';

/** What `$disconnect` sees for a client that reset before its accepted handshake completed. */
const ABANDONED_HANDSHAKE: CloseInfo = { code: 1006, reason: 'Connection reset during the handshake' };

export interface UpgradeDeps {
  gateway: GatewayContext;
  wss: WebSocketServer;
  registry: ConnectionRegistry;
  /** the subprotocol `$connect` chose, read back by the ws server's handleProtocols */
  chosenSubprotocols: WeakMap<IncomingMessage, string>;
  isStopping(): boolean;
}

/** The HTTP server's `upgrade` listener: path check, `$connect` (authorization, then integration), then 101 or a refusal. */
export function createUpgradeHandler(deps: UpgradeDeps): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const { log } = deps.gateway.options;
  return (req, socket, head) => {
    // First: a client reset while $connect runs must be an event here, not an uncaught ECONNRESET.
    socket.on('error', (error) => log(`upgrade socket error: ${error.message}`));
    if (deps.isStopping()) return rejectUpgrade(socket, 503, '{"message":"Service Unavailable"}');
    if (!isStagePath(req.url, deps.gateway.options.stage)) return rejectUpgrade(socket, 403, FORBIDDEN_BODY);
    if (!isWebSocketUpgrade(req)) return rejectUpgrade(socket, 400, '{"message":"Bad Request"}');
    const facts: ConnectionFacts = { id: deps.gateway.newId(), connectedAt: Date.now(), handshake: readHandshake(req) };
    deps.registry.trackHandshake(socket, completeHandshake(deps, req, socket, head, facts));
  };
}

async function completeHandshake(deps: UpgradeDeps, req: IncomingMessage, socket: Duplex, head: Buffer, handshakeFacts: ConnectionFacts): Promise<void> {
  const { log } = deps.gateway.options;
  // `facts` gains the authorizer's output when a Lambda authorizer accepted the connection.
  const { decision, facts } = await runConnectRoute(deps.gateway, handshakeFacts);
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
    return rejectUpgrade(socket, decision.status, decision.body);
  }
  if (decision.subprotocol !== undefined) deps.chosenSubprotocols.set(req, decision.subprotocol);
  // handleUpgrade destroys the socket itself if it died meanwhile; the callback then never runs.
  deps.wss.handleUpgrade(req, socket, head, (ws) => deps.registry.adopt(ws, socket, facts));
}

/**
 * Authorization first, then the integration, which sees the authorizer's output like every
 * later event. No `$connect` route: the connection is accepted (semantics doc §3).
 */
async function runConnectRoute(gateway: GatewayContext, facts: ConnectionFacts): Promise<{ decision: ConnectDecision; facts: ConnectionFacts }> {
  const route = gateway.options.routes.get('$connect');
  if (route === undefined) return { decision: { accept: true, subprotocol: undefined }, facts };
  const input = eventInputFor(gateway, facts, '$connect', { withHandshake: true });
  const authorization = await authorizeConnect(gateway, route.authorization ?? { type: 'NONE' }, facts.handshake, input);
  if (!authorization.accept) return { decision: authorization, facts };
  const { authorizer } = authorization;
  const authorized = authorizer === undefined ? { facts, input } : { facts: { ...facts, authorizer }, input: { ...input, authorizer } };
  return { decision: decideConnect(await runIntegration(gateway, route, 'connect', authorized.input)), facts: authorized.facts };
}
