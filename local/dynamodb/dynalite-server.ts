import { Worker } from 'node:worker_threads';
import type { RawResponse } from './types.ts';
import { packageFileUrl } from '../../shared/package-file.ts';

const WORKER_FILE = packageFileUrl(import.meta.url, 'local/dynamodb/dynalite-worker.mjs');

export interface RunningDynalite {
  /** `http://127.0.0.1:PORT`: the internal endpoint, behind the HTTP front. */
  endpoint: string;
  /**
   * One request through dynalite's own request handler without HTTP (headers with lower-case names, the body
   * byte for byte): dynalite checks and answers it exactly as it would over HTTP.
   */
  dispatch(headers: Record<string, string>, body: string): Promise<RawResponse>;
  /** Stops listening and closes the store (LevelDB flushes to disk on close), then ends the thread. */
  close(): Promise<void>;
}

type WorkerMessage =
  | { type: 'listening'; port: number }
  | { type: 'failed'; error: string }
  | { type: 'response'; id: number; response: RawResponse }
  | { type: 'closed'; error: string | undefined };

/** The gateway's calls fail like an unreachable dynalite does at the HTTP front: a DynamoDB-shaped 500. */
function unavailable(reason: string): RawResponse {
  const body = JSON.stringify({
    __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
    message: `local DynamoDB unavailable: ${reason}`,
  });
  return {
    statusCode: 500,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'content-length': String(Buffer.byteLength(body)) },
    body,
  };
}

/**
 * Runs dynalite in a worker thread (dynalite-worker.mjs) on an ephemeral loopback port, so its work stays
 * off the gateway's event loop; a crash inside dynalite ends that thread, not the process.
 */
export async function startDynalite(storePath: string | undefined): Promise<RunningDynalite> {
  const worker = new Worker(WORKER_FILE, { workerData: { storePath }, execArgv: [] });
  const pending = new Map<number, (response: RawResponse) => void>();
  let nextId = 1;
  let gone: string | undefined;
  let onClosed: ((error: string | undefined) => void) | undefined;
  const failPending = (reason: string): void => {
    for (const settle of pending.values()) settle(unavailable(reason));
    pending.clear();
  };
  const port = await new Promise<number>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'listening') resolve(message.port);
      else if (message.type === 'failed') reject(new Error(`dynalite could not start: ${message.error}`));
      else if (message.type === 'response') {
        pending.get(message.id)?.(message.response);
        pending.delete(message.id);
      } else onClosed?.(message.error);
    });
    worker.on('error', (error) => {
      gone = `the dynalite thread failed: ${error.message}`;
      reject(error);
    });
    worker.on('exit', (code) => {
      gone ??= `the dynalite thread exited (${code})`;
      reject(new Error(gone));
      failPending(gone);
      onClosed?.(undefined);
    });
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    dispatch(headers, body) {
      if (gone !== undefined) return Promise.resolve(unavailable(gone));
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ type: 'request', id, headers, body });
      });
    },
    async close() {
      if (gone !== undefined) return;
      const closed = new Promise<string | undefined>((resolve) => {
        onClosed = resolve;
      });
      worker.postMessage({ type: 'close' });
      const error = await closed;
      gone = 'the local DynamoDB was stopped';
      await worker.terminate();
      if (error !== undefined) throw new Error(`dynalite close failed: ${error}`);
    },
  };
}
