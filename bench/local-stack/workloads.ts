/** The three workloads, run identically against the raw server and the stack. Figures are per second or bytes. */
import { performance } from 'node:perf_hooks';
import type WebSocket from 'ws';
import type { ServerProcess } from './server-process.ts';
import { closeSocket, openSocket, roundTrip, runBounded } from './sockets.ts';

/** Any path and a query: the edge must move the path into a header, and `$connect` must store both. */
export const CLIENT_PATH = '/bench/path?x=1';

export interface EchoShape {
  clients: number;
  messagesPerClient: number;
  payload: string;
}

/**
 * Messages per second: every client sends its messages one at a time, waiting for each reply.
 * `via: 'direct'` skips the stack's edge (clients on APIEndpoint), to show what the edge hop costs.
 */
export async function echoThroughput(
  server: ServerProcess,
  shape: EchoShape,
  via: 'edge' | 'direct' = 'edge',
): Promise<number> {
  const url = via === 'edge' ? server.url + CLIENT_PATH : server.directUrl;
  const headers = via === 'edge' ? {} : server.directHeaders;
  const sockets = await Promise.all(Array.from({ length: shape.clients }, () => openSocket(url, headers)));
  try {
    const start = performance.now();
    await Promise.all(
      sockets.map(async (socket) => {
        for (let i = 0; i < shape.messagesPerClient; i += 1) {
          const reply = await roundTrip(socket, shape.payload);
          // The raw server echoes the payload; the stack's $default Lambda echoes the event, which contains it.
          if (!reply.includes(shape.payload))
            throw new Error(`${server.kind} echo: reply lacks the payload: ${reply.slice(0, 200)}`);
        }
      }),
    );
    return (shape.clients * shape.messagesPerClient) / ((performance.now() - start) / 1000);
  } finally {
    await Promise.all(sockets.map(closeSocket));
  }
}

/** Handshakes the server refused, by reason; a benchmark reports them rather than stopping at the first. */
export type Refusals = Map<string, number>;

function countRefusal(refusals: Refusals, error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
}

export interface ConnectionRate {
  perSecond: number;
  refusals: Refusals;
}

/** Completed connections per second, each opened (handshake complete) and then closed, `concurrency` in flight. */
export async function connectionRate(
  server: ServerProcess,
  count: number,
  concurrency: number,
): Promise<ConnectionRate> {
  const refusals: Refusals = new Map();
  const start = performance.now();
  await runBounded(count, concurrency, async () => {
    await openSocket(server.url + CLIENT_PATH).then(closeSocket, (error: unknown) => countRefusal(refusals, error));
  });
  const refused = [...refusals.values()].reduce((sum, n) => sum + n, 0);
  return { perSecond: (count - refused) / ((performance.now() - start) / 1000), refusals };
}

export interface IdleMemory {
  idleRssBytes: number;
  heldRssBytes: number;
  held: number;
  refusals: Refusals;
}

/** The server's RSS before, and while holding `count` idle connections (opened `concurrency` at a time, all closed after). */
export async function idleConnectionMemory(
  server: ServerProcess,
  count: number,
  concurrency: number,
): Promise<IdleMemory> {
  const idleRssBytes = await server.rssBytes();
  const sockets: WebSocket[] = [];
  try {
    const refusals: Refusals = new Map();
    await runBounded(count, concurrency, async () => {
      await openSocket(server.url + CLIENT_PATH).then(
        (socket) => {
          sockets.push(socket);
        },
        (error: unknown) => countRefusal(refusals, error),
      );
    });
    return { idleRssBytes, heldRssBytes: await server.rssBytes(), held: sockets.length, refusals };
  } finally {
    await runBounded(sockets.length, concurrency, async (index) => closeSocket(sockets[index]!));
  }
}
