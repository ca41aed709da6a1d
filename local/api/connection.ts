import { setMaxListeners } from 'node:events';
import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import { watchFrameSizes } from './frame-guard.ts';
import type { HandshakeRequest } from './handshake.ts';
import type { ConnectionFacts } from './event-input.ts';
import type { ConnectionApiKey, ConnectionAuthorizer } from './types.ts';
import type { GatewayLimits } from './types.ts';

/** How a connection ended, as `$disconnect` reports it. */
export interface CloseInfo {
  code: number;
  reason: string;
}

export const GOING_AWAY: CloseInfo = { code: 1001, reason: 'Going away' };
/** What a restarting service sends (RFC 6455 registry, 1012 "Service Restart"): the local stack restarting on an edit. */
export const SERVICE_RESTART: CloseInfo = { code: 1012, reason: 'Service Restart' };
const NO_STATUS_REASON = 'Client-side close frame status not set';

/** One open WebSocket connection: timers, activity, sends and the close it ended with. */
export interface LiveConnection {
  readonly id: string;
  readonly connectedAt: number;
  readonly handshake: HandshakeRequest;
  /** The Lambda authorizer's output; every event of the connection carries it. */
  readonly authorizer?: ConnectionAuthorizer;
  /** The API key `$connect` required and validated; every event of the connection carries it. */
  readonly apiKey?: ConnectionApiKey;
  /** The custom domain the client connected through, if any. */
  readonly domainName?: string;
  lastActiveAt(): number;
  isOpen(): boolean;
  /** sends one text message if still open, in frames of at most `frameBytes`; server data counts as activity */
  send(text: string): void;
  /** server-initiated close; the code is what `$disconnect` reports */
  close(info: CloseInfo): void;
  /** resolves once the socket is closed, with the code `$disconnect` reports */
  readonly closed: Promise<CloseInfo>;
  /** aborted once the connection is closing or closed: its Lambda invocations that have not started are dropped */
  readonly gone: AbortSignal;
}

/**
 * The reason `gone` is aborted with. Nothing reads it (the Lambda queue only checks `aborted`), and `abort()` with
 * no reason builds a DOMException, a stack capture, for every connection that closes.
 */
const CONNECTION_GONE = 'the connection is closing or closed';

export function createLiveConnection(
  ws: WebSocket,
  socket: Duplex,
  init: ConnectionFacts & {
    limits: GatewayLimits;
    log: (line: string) => void;
    /** Sees every text frame sent to the client (the local console's recent messages). */
    onSend?: (text: string) => void;
  },
): LiveConnection {
  const { limits, log, onSend } = init;
  let lastActiveAt = init.connectedAt;
  let serverClose: CloseInfo | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  // `gone` is made on its first read (the first message's Lambda call): a connection that only opens and closes
  // never builds an AbortController (an EventTarget, its signal and listener maps) nobody listens to.
  let going: AbortController | undefined;
  let isGone = false;
  const markGone = (): void => {
    isGone = true;
    going?.abort(CONNECTION_GONE);
  };
  const goneSignal = (): AbortSignal => {
    if (going === undefined) {
      going = new AbortController();
      // One listener per Lambda function this connection's messages went to (local/lambda/sandbox.ts): no leak warning.
      setMaxListeners(0, going.signal);
      if (isGone) going.abort(CONNECTION_GONE);
    }
    return going.signal;
  };

  const close = (info: CloseInfo) => {
    if (ws.readyState !== WebSocket.OPEN) return;
    serverClose = info;
    markGone();
    ws.close(info.code, info.reason);
    // A client that never answers the close frame must not keep the socket (or stop()) waiting.
    graceTimer = setTimeout(() => ws.terminate(), limits.closeGraceMs);
  };
  // Activity only records the time (it happens twice per message); the idle timer, when it fires, closes the
  // connection or waits again for what is left of the idle time since the last activity.
  const touch = () => {
    lastActiveAt = Date.now();
  };
  const closeWhenIdle = (): void => {
    const idleFor = Date.now() - lastActiveAt;
    if (idleFor >= limits.idleTimeoutMs) close(GOING_AWAY);
    else idleTimer = setTimeout(closeWhenIdle, limits.idleTimeoutMs - idleFor);
  };

  let idleTimer = setTimeout(closeWhenIdle, limits.idleTimeoutMs);
  const lifetimeTimer = setTimeout(() => close(GOING_AWAY), limits.maxConnectionMs);
  socket.on('data', touch);
  const stopWatching = watchFrameSizes(socket, limits.frameBytes, (bytes) => {
    log(`connection ${init.id}: frame of ${bytes} bytes exceeds ${limits.frameBytes}; closing 1009`);
    close({ code: 1009, reason: 'Frame too big' });
  });
  // ws reports protocol violations (too-big message, invalid UTF-8) here and closes by itself.
  ws.on('error', (error) => log(`connection ${init.id}: ${error.message}`));

  const closed = new Promise<CloseInfo>((resolve) => {
    ws.once('close', (code: number, reason: Buffer) => {
      clearTimeout(idleTimer);
      clearTimeout(lifetimeTimer);
      clearTimeout(graceTimer);
      socket.removeListener('data', touch);
      stopWatching();
      markGone();
      if (serverClose !== undefined) resolve(serverClose);
      else if (code === 1005) resolve({ code, reason: NO_STATUS_REASON });
      else resolve({ code, reason: reason.toString('utf8') });
    });
  });

  return {
    id: init.id,
    connectedAt: init.connectedAt,
    handshake: init.handshake,
    ...(init.authorizer === undefined ? {} : { authorizer: init.authorizer }),
    ...(init.apiKey === undefined ? {} : { apiKey: init.apiKey }),
    ...(init.domainName === undefined ? {} : { domainName: init.domainName }),
    lastActiveAt: () => lastActiveAt,
    isOpen: () => ws.readyState === WebSocket.OPEN,
    send(text) {
      if (ws.readyState !== WebSocket.OPEN) return;
      touch();
      sendInFrames(ws, text, limits.frameBytes);
      onSend?.(text);
    },
    close,
    closed,
    get gone() {
      return goneSignal();
    },
  };
}

/**
 * API Gateway's frame quota (32 KB) applies to what it sends too, `@connections` messages included: a longer message
 * goes out as a text frame and continuation frames of at most `frameBytes` each (docs/aws-behaviour.md#apigw-limits).
 * The split may fall inside a UTF-8 character; RFC 6455 checks UTF-8 on the whole message, and so do clients.
 */
function sendInFrames(ws: WebSocket, text: string, frameBytes: number): void {
  if (text.length <= frameBytes / 3) {
    ws.send(text);
    return;
  } // at most 3 UTF-8 bytes per UTF-16 unit: fits in one frame
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= frameBytes) {
    ws.send(bytes, { binary: false });
    return;
  }
  for (let offset = 0; offset < bytes.length; offset += frameBytes) {
    ws.send(bytes.subarray(offset, offset + frameBytes), { binary: false, fin: offset + frameBytes >= bytes.length });
  }
}
