import WebSocket from 'ws';

const HANDSHAKE_DEADLINE_MS = 10_000;
const CLOSE_DEADLINE_MS = 10_000;
const REPLY_DEADLINE_MS = 10_000;

/** A client socket, resolved once the handshake completed (for the stack: after edge, `$connect` VTL and PutItem). */
export function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { handshakeTimeout: HANDSHAKE_DEADLINE_MS });
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
export function roundTrip(socket: WebSocket, payload: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(() => reject(new Error(`no reply within ${REPLY_DEADLINE_MS} ms`))), REPLY_DEADLINE_MS);
    const onMessage = (data: WebSocket.RawData): void => finish(() => resolve(data.toString()));
    const onClose = (code: number): void => finish(() => reject(new Error(`socket closed (${code}) while waiting for a reply`)));
    const finish = (settle: () => void): void => {
      clearTimeout(timer);
      socket.off('message', onMessage);
      socket.off('close', onClose);
      settle();
    };
    socket.on('message', onMessage);
    socket.once('close', onClose);
    socket.send(payload);
  });
}

/** Runs `task(0..count-1)` with at most `concurrency` in flight. */
export async function runBounded(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}
