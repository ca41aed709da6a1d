import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import { type CloseInfo, type LiveConnection, GOING_AWAY, createLiveConnection } from './connection.ts';
import type { GatewayContext } from './context.ts';
import { handleDisconnect } from './disconnect-handler.ts';
import type { ConnectionFacts } from './event-input.ts';
import { handleMessage } from './message-handler.ts';
import type { ConnectionSummary } from './types.ts';
import { createReadBudget } from './read-budget.ts';

/** Bytes one client's socket may deliver per event-loop turn (two full 32 KB frames); see read-budget.ts. */
const READ_BYTES_PER_TURN = 65_536;

/** The open connections of one service instance, and the work still running for them. */
export interface ConnectionRegistry {
  get(id: string): LiveConnection | undefined;
  describe(id: string): ConnectionSummary | undefined;
  ids(): string[];
  /** takes over an upgraded socket: messages, timers, `$disconnect` when it closes */
  adopt(ws: WebSocket, socket: Duplex, facts: ConnectionFacts): void;
  /** tracks a handshake whose `$connect` integration is still running */
  trackHandshake(socket: Duplex, work: Promise<void>): void;
  /** closes everything (1001, or `closeWith`), waits for pending handshakes and every `$disconnect`, at most `limits.stopGraceMs` */
  closeAll(closeWith?: CloseInfo): Promise<void>;
}

export function createConnectionRegistry(gateway: GatewayContext): ConnectionRegistry {
  const open = new Map<string, LiveConnection>();
  const pendingSockets = new Set<Duplex>();
  const { log, limits } = gateway.options;
  const { observer } = gateway;
  const readBudget = createReadBudget(READ_BYTES_PER_TURN);

  // Work still running (messages, handshakes, $disconnect), counted rather than kept in a set: this runs for
  // every message, and one promise reaction is all it needs.
  let running = 0;
  let drainWaiters: Array<() => void> = [];
  const finished = (): void => {
    running--;
    if (running > 0) return;
    const waiters = drainWaiters;
    drainWaiters = [];
    for (const wake of waiters) wake();
  };
  // Made once, not per message: a closure per tracked piece of work was garbage for every message.
  const failed = (error: unknown): void => {
    log(`unexpected: ${error instanceof Error ? error.stack : String(error)}`);
    finished();
  };
  const track = (work: Promise<void>) => {
    running++;
    work.then(finished, failed);
  };

  return {
    get: (id) => open.get(id),
    describe(id) {
      const connection = open.get(id);
      if (connection === undefined) return undefined;
      const { sourceIp, userAgent, headers, query } = connection.handshake;
      return {
        id,
        connectedAt: connection.connectedAt,
        lastActiveAt: connection.lastActiveAt(),
        sourceIp,
        ...(userAgent === undefined ? {} : { userAgent }),
        headers,
        query,
      };
    },
    ids: () => [...open.keys()],
    adopt(ws, socket, facts) {
      const onSend =
        observer?.message === undefined ? undefined : (text: string) => observer.message?.(facts.id, 'out', text);
      const connection = createLiveConnection(ws, socket, { ...facts, limits, log, ...(onSend ? { onSend } : {}) });
      open.set(facts.id, connection);
      observer?.opened?.(facts.id);
      const stopBudget = readBudget.watch(socket);
      ws.on('message', (data: RawData, isBinary: boolean) => {
        if (!connection.isOpen()) return; // closing: API Gateway no longer routes
        if (isBinary) {
          connection.close({ code: 1003, reason: 'Binary frames are not supported' });
          return;
        }
        const text = rawText(data);
        observer?.message?.(facts.id, 'in', text);
        track(handleMessage(gateway, connection, text));
      });
      track(
        connection.closed.then((closeInfo) => {
          stopBudget();
          open.delete(facts.id); // @connections answers 410 from now on
          observer?.closed?.(facts.id, closeInfo.code, closeInfo.reason);
          return handleDisconnect(gateway, facts, closeInfo);
        }),
      );
    },
    trackHandshake(socket, work) {
      pendingSockets.add(socket);
      track(work.finally(() => pendingSockets.delete(socket)));
    },
    async closeAll(closeWith = GOING_AWAY) {
      for (const socket of pendingSockets) socket.destroy();
      for (const connection of open.values()) connection.close(closeWith);
      // Settling work can start more work (a close starts $disconnect), so wait until none is left, but not longer
      // than the grace: a backend that never answers must not keep the stack from stopping.
      let graceTimer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'over'>((resolve) => {
        graceTimer = setTimeout(() => resolve('over'), limits.stopGraceMs);
      });
      while (running > 0) {
        const drained = new Promise<'drained'>((resolve) => drainWaiters.push(() => resolve('drained')));
        if ((await Promise.race([drained, graceOver])) === 'over') {
          log(`stop: left ${running} request(s) still running after ${limits.stopGraceMs} ms`);
          break;
        }
      }
      clearTimeout(graceTimer);
    },
  };
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
