/**
 * The server under test, in its own process so it does not share the clients' event loop:
 * `node --import tsx --expose-gc server-entry.ts raw|stack`. Speaks the protocol in ipc-messages.ts.
 */
import { randomBytes } from 'node:crypto';
import { startLocalStack } from '../../local/stack/index.ts';
import { type ChildMessage, isServerKind, type ParentMessage, type ServerKind } from './ipc-messages.ts';
import { type RunningServer, startRawEchoServer } from './raw-echo-server.ts';

const SETTLE_MS = 500;

async function startServer(kind: ServerKind): Promise<RunningServer> {
  if (kind === 'raw') return startRawEchoServer();
  // The direct clients present the edge's secret, as CloudFront does: the stack lets only its edge in.
  const originSecret = randomBytes(32).toString('hex');
  const stack = await startLocalStack({
    templateFile: 'template.yaml',
    ports: { api: 0, edge: 0, dynamodb: 0 },
    waitTimeScale: 0.01,
    log: () => {},
    parameterOverrides: { OriginSecret: originSecret },
  });
  const distribution = stack.outputs.Distribution;
  if (distribution === undefined) {
    await stack.stop();
    throw new Error('template.yaml: the local stack has no Distribution output; the bench connects through the edge');
  }
  return {
    url: distribution,
    directUrl: stack.outputs.APIEndpoint,
    directHeaders: { 'x-origin-verify': originSecret },
    stop: () => stack.stop(),
  };
}

/** RSS after a full GC and a pause, so the figure is what the connections hold, not garbage waiting to be collected. */
async function settledRss(): Promise<number> {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  collect?.();
  return process.memoryUsage().rss;
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const kind = process.argv[2];
  if (!isServerKind(kind))
    throw new Error(`server-entry: argument 1 is "${String(kind)}"; it must be "raw" or "stack"`);
  if (!process.send) throw new Error('server-entry: must be forked with an IPC channel');
  const server = await startServer(kind);
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'measure-rss') void settledRss().then((rssBytes) => send({ type: 'rss', rssBytes }));
    else process.disconnect();
  });
  // Asked to stop, or the bench process died: stop cleanly either way, and never outlive it.
  process.once('disconnect', () => {
    void server.stop().finally(() => process.exit(0));
  });
  send({ type: 'ready', url: server.url, directUrl: server.directUrl, directHeaders: server.directHeaders });
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
  process.disconnect?.();
});
