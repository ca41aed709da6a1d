import { WebSocketServer } from 'ws';

export interface RunningServer {
  url: string;
  /** Full URL of a client that skips the edge: the API stage for the stack; for the raw server, any path. */
  directUrl: string;
  /** Headers a client that skips the edge sends (the stack lets in only the edge's secret header). */
  directHeaders: Record<string, string>;
  stop(): Promise<void>;
}

/** The ceiling for a Node gateway here: `ws` with nothing between the socket and the echo. Any path is accepted. */
export async function startRawEchoServer(): Promise<RunningServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  wss.on('connection', (socket) => {
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  const address = wss.address();
  if (address === null || typeof address === 'string')
    throw new Error(`raw echo server: not listening on a TCP port (${String(address)})`);
  return {
    url: `ws://127.0.0.1:${address.port}`,
    directUrl: `ws://127.0.0.1:${address.port}/direct`,
    directHeaders: {},
    stop: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
}
