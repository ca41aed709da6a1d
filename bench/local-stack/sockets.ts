import WebSocket from 'ws';
import { nextEvent } from './next-event.ts';

const HANDSHAKE_DEADLINE_MS = 10_000;
const CLOSE_DEADLINE_MS = 10_000;
const REPLY_DEADLINE_MS = 10_000;

/** A client socket, resolved once the handshake completed (for the stack: after edge, `$connect` VTL and PutItem). */
export function openSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { handshakeTimeout: HANDSHAKE_DEADLINE_MS, headers });
    socket.once('open', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** A clean close handshake; a peer that never answers is terminated after a deadline. */
export function closeSocket(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => socket.terminate(), CLOSE_DEADLINE_MS);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    socket.close();
  });
}

/** Sends one message and waits for the next one back (one in flight per client). */
export async function roundTrip(socket: WebSocket, payload: string): Promise<string> {
  const reply = nextEvent<WebSocket.RawData>(socket, {
    event: 'message',
    failEvent: 'close',
    deadlineMs: REPLY_DEADLINE_MS,
    timeout: `no reply within ${REPLY_DEADLINE_MS} ms`,
    failure: (code) => `socket closed (${String(code)}) while waiting for a reply`,
  });
  socket.send(payload);
  return (await reply).toString();
}

/** Runs `task(0..count-1)` with at most `concurrency` in flight. */
export async function runBounded(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}
