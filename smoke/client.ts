/**
 * A WebSocket client for smoke steps: messages are queued so none is lost between awaits, every
 * wait has a deadline whose error names what was awaited, and a refused handshake keeps its status.
 */
import WebSocket from 'ws';

export interface SmokeClient {
  readonly socket: WebSocket;
  /** The next text message; rejects after `timeoutMs` naming `what`. */
  next(what: string, timeoutMs: number): Promise<string>;
  /** The next message parsed as JSON. */
  nextJson<T = unknown>(what: string, timeoutMs: number): Promise<T>;
  /** Resolves with the close code and reason once the socket has closed. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** The close, or an error naming `what` after `timeoutMs`. */
  closedWithin(what: string, timeoutMs: number): Promise<{ code: number; reason: string }>;
  /** Closes (1000) and waits for the close to finish. */
  close(): Promise<void>;
}

export interface ConnectOptions {
  headers?: Record<string, string>;
  /** Offered in `Sec-WebSocket-Protocol`; the client fails if the server answers none of them. */
  protocols?: string[];
}

export type ConnectResult =
  | { kind: 'open'; client: SmokeClient }
  | { kind: 'refused'; statusCode: number; body: string };

/** Opens a WebSocket; a non-101 answer is a result (`refused`), a network failure is an error. */
export function tryConnect(url: string, timeoutMs: number, options: ConnectOptions = {}): Promise<ConnectResult> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options.protocols ?? [], {
      handshakeTimeout: timeoutMs,
      ...(options.headers ? { headers: options.headers } : {}),
    });
    const queued: string[] = [];
    const waiters: Array<(text: string) => void> = [];
    socket.on('message', (data) => {
      const text = data.toString();
      const waiter = waiters.shift();
      if (waiter) waiter(text);
      else queued.push(text);
    });
    const closed = new Promise<{ code: number; reason: string }>((done) => {
      socket.once('close', (code, reason) => done({ code, reason: reason.toString() }));
    });
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => {
        socket.terminate();
        resolve({ kind: 'refused', statusCode: response.statusCode ?? 0, body });
      });
    });
    socket.once('error', (error) => reject(new Error(`connect ${url}: ${error.message}`)));
    socket.once('open', () => {
      socket.on('error', () => undefined); // later errors surface as a close
      const next = (what: string, waitMs: number) =>
        new Promise<string>((res, rej) => {
          const first = queued.shift();
          if (first !== undefined) return res(first);
          const timer = setTimeout(() => {
            waiters.splice(waiters.indexOf(deliver), 1);
            rej(new Error(`no message within ${waitMs} ms: expected ${what}`));
          }, waitMs);
          const deliver = (text: string) => {
            clearTimeout(timer);
            res(text);
          };
          waiters.push(deliver);
        });
      resolve({
        kind: 'open',
        client: {
          socket,
          next,
          nextJson: async <T>(what: string, waitMs: number) => {
            const text = await next(what, waitMs);
            try {
              return JSON.parse(text) as T;
            } catch {
              throw new Error(`expected ${what} as JSON, got ${JSON.stringify(text.slice(0, 200))}`);
            }
          },
          closed,
          closedWithin: (what: string, waitMs: number) => {
            let timer: NodeJS.Timeout | undefined;
            const late = new Promise<never>((_, rej) => {
              timer = setTimeout(
                () => rej(new Error(`the socket did not close within ${waitMs} ms: expected ${what}`)),
                waitMs,
              );
            });
            return Promise.race([closed, late]).finally(() => clearTimeout(timer));
          },
          close: async () => {
            if (socket.readyState === WebSocket.OPEN) socket.close(1000, 'smoke test done');
            await closed;
          },
        },
      });
    });
  });
}

/** Opens a WebSocket or fails naming the status the stack answered. */
export async function connect(url: string, timeoutMs: number, options: ConnectOptions = {}): Promise<SmokeClient> {
  const result = await tryConnect(url, timeoutMs, options);
  if (result.kind === 'refused')
    throw new Error(`connect ${url}: handshake refused with HTTP ${result.statusCode} ${result.body}`);
  return result.client;
}

/** The handshake must be refused: returns the status and body; an accepted one is closed and fails naming `what`. */
export async function expectRefused(
  url: string,
  timeoutMs: number,
  what: string,
  options: ConnectOptions = {},
): Promise<{ statusCode: number; body: string }> {
  const result = await tryConnect(url, timeoutMs, options);
  if (result.kind === 'open') {
    await result.client.close();
    throw new Error(`${what} was accepted (expected the handshake to be refused)`);
  }
  return { statusCode: result.statusCode, body: result.body };
}
