import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

interface DynaliteOptions {
  path?: string;
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
}

/** dynalite ships no type declarations; this is the part of its API used here. */
type Dynalite = (options: DynaliteOptions) => Server;

export interface RunningDynalite {
  /** `http://127.0.0.1:PORT`: the internal endpoint, behind the HTTP front. */
  endpoint: string;
  /** Stops listening and closes the store (LevelDB flushes to disk on close). */
  close(): Promise<void>;
}

type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * dynalite rethrows request stream errors (`req.on('error', err => { throw err })`), so a
 * client hanging up mid-body would crash the whole process with an uncaught ECONNRESET.
 * Each request's stream errors are handled here instead: the half-received request is dropped.
 */
function guardAgainstAbortedRequests(server: Server): void {
  const handlers = server.listeners('request') as RequestHandler[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    for (const handler of handlers) handler(request, response);
    request.removeAllListeners('error');
    request.on('error', () => response.destroy());
  });
}

/**
 * Runs dynalite in this process on an ephemeral loopback port. Table state changes are
 * instant (createTableMs: 0...) so start-up does not wait 500 ms per table.
 */
export async function startDynalite(storePath: string | undefined): Promise<RunningDynalite> {
  const require = createRequire(import.meta.url);
  const dynalite = require('dynalite') as Dynalite;
  const server = dynalite({
    ...(storePath === undefined ? {} : { path: storePath }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  guardAgainstAbortedRequests(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // dynalite's close() also waits for pending store operations, then closes LevelDB.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
