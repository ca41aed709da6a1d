/** Test helpers: a recording ws origin, and viewer clients with bounded waits. */
import http, { type IncomingHttpHeaders } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

const WAIT_MS = 5_000;

export interface RecordedUpgrade {
  url: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
}

export interface RecordingOrigin {
  url: string;
  upgrades: RecordedUpgrade[];
  stop(): Promise<void>;
}

export interface OriginBehaviour {
  /** What the origin answers as subprotocol; `false` chooses none. Default: none. */
  chooseProtocol?: (offered: Set<string>) => string | false;
  /** Refuse every handshake with this status and body. */
  refuse?: { status: number; body: string };
}

/**
 * Echoes every message as `echo:<data>` keeping the frame type; the text `close-me` makes the origin close
 * with 4001 'origin says bye'; records each upgrade request.
 */
export async function startRecordingOrigin(behaviour: OriginBehaviour = {}): Promise<RecordingOrigin> {
  const upgrades: RecordedUpgrade[] = [];
  const server = http.createServer();
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => (behaviour.chooseProtocol ? behaviour.chooseProtocol(offered) : false),
  });
  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => {});
    upgrades.push({ url: request.url ?? '', headers: request.headers, rawHeaders: request.rawHeaders });
    if (behaviour.refuse) {
      const body = behaviour.refuse.body;
      socket.end(
        `HTTP/1.1 ${behaviour.refuse.status} Refused\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('message', (data: RawData, isBinary: boolean) => {
        if (!isBinary && data.toString() === 'close-me') return ws.close(4001, 'origin says bye');
        const payload = Buffer.concat([Buffer.from('echo:'), Buffer.from(data as Buffer)]);
        ws.send(isBinary ? payload : payload.toString(), { binary: isBinary });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    upgrades,
    async stop() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type ConnectResult =
  | { kind: 'open'; ws: WebSocket }
  | { kind: 'refused'; status: number; body: string; headers: IncomingHttpHeaders }
  | { kind: 'failed'; message: string };

export function connectViewer(
  url: string,
  protocols: string[] = [],
  headers: Record<string, string> = {},
): Promise<ConnectResult> {
  return withDeadline(
    `connecting to ${url}`,
    new Promise<ConnectResult>((resolve) => {
      const ws = new WebSocket(url, protocols, { headers });
      ws.on('open', () => resolve({ kind: 'open', ws }));
      ws.on('unexpected-response', (_request, response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({
            kind: 'refused',
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: response.headers,
          });
          ws.terminate();
        });
      });
      ws.on('error', (error) => resolve({ kind: 'failed', message: error.message }));
    }),
  );
}

export function nextMessage(ws: WebSocket): Promise<{ data: Buffer; isBinary: boolean }> {
  return withDeadline(
    'waiting for a message',
    new Promise((resolve) => {
      ws.once('message', (data: RawData, isBinary: boolean) =>
        resolve({ data: Buffer.from(data as Buffer), isBinary }),
      );
    }),
  );
}

export function closeEvent(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return withDeadline(
    'waiting for close',
    new Promise((resolve) => {
      ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() }));
    }),
  );
}

export async function withDeadline<T>(what: string, promise: Promise<T>, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`deadline of ${ms} ms passed while ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** The header's raw spelling as the origin received it (to check CloudFront's re-capitalisation). */
export function rawHeaderName(upgrade: RecordedUpgrade, lowerCaseName: string): string | undefined {
  return upgrade.rawHeaders.filter((_, index) => index % 2 === 0).find((name) => name.toLowerCase() === lowerCaseName);
}

/** The viewer's whole view of an upgrade the other side refuses: every byte until it closes. */
export function rawUpgradeExchange(port: number, path: string, extraHeaderLines = ''): Promise<string> {
  return withDeadline(
    `a raw upgrade to ${path}`,
    new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('end', () => {
        resolve(Buffer.concat(chunks).toString('latin1'));
        socket.destroy();
      });
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n${extraHeaderLines}` +
          'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
      );
    }),
  );
}

/** The next item `list` gets after it had `count` items (an event a service records). */
export function nextRecorded<T>(what: string, list: T[], count: number): Promise<T> {
  return withDeadline(
    what,
    (async () => {
      while (list.length <= count) await new Promise((resolve) => setTimeout(resolve, 5));
      return list[count] as T;
    })(),
  );
}
