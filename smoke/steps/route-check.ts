/**
 * A route's declared smoke check (the config's `smoke` on a route of user code): what the run sends and what must
 * arrive, on the sender and/or on another connection opened before the send (a broadcast). `{{run}}` stands for this
 * run's id, so a message of another run (deployed stacks are shared) never satisfies it.
 */
import assert from 'node:assert/strict';
import { connect, type SmokeClient } from '../client.ts';
import type { SmokeContext } from '../context.ts';
import type { SmokeCheck, SmokeRoute } from '../../shared/smoke-routes.ts';
import { edgeUrl } from '../outputs.ts';

const RUN = '{{run}}';

function withRun(value: unknown, run: string): unknown {
  if (typeof value === 'string') return value.replaceAll(RUN, run);
  if (Array.isArray(value)) return value.map((item) => withRun(item, run));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withRun(inner, run)]));
  return value;
}

/** Waits for a message holding `expected`; other messages (a parallel run's broadcast, a probe) are passed over. */
async function receiveContaining(client: SmokeClient, who: string, expected: string, timeoutMs: number): Promise<void> {
  const seen: string[] = [];
  for (const deadline = Date.now() + timeoutMs; ; ) {
    const left = deadline - Date.now();
    const text = left > 0 ? await client.next(`a message on ${who}`, left).catch(() => undefined) : undefined;
    if (text === undefined)
      assert.fail(
        `${who}: no message containing ${JSON.stringify(expected)} within ${timeoutMs} ms (got ${seen.length === 0 ? 'nothing' : seen.map((m) => JSON.stringify(m.slice(0, 200))).join(', ')})`,
      );
    if (text.includes(expected)) return;
    seen.push(text);
  }
}

export async function checkDeclaredBehaviour(
  context: SmokeContext,
  route: SmokeRoute,
  check: SmokeCheck,
  message: (data: unknown) => string,
): Promise<void> {
  const { settings } = context;
  const run = context.uniqueId();
  const url = edgeUrl(context.outputs());
  const observer = check.expect.others === undefined ? undefined : await connect(url, settings.stepTimeoutMs);
  try {
    const sender = await connect(url, settings.stepTimeoutMs);
    try {
      sender.socket.send(message(withRun(check.send, run)));
      const receivers: Array<[SmokeClient | undefined, string, string | undefined]> = [
        [sender, 'the sender', check.expect.sender],
        [observer, 'another connection', check.expect.others],
      ];
      const waits = receivers.flatMap(([client, who, expected]) =>
        client === undefined || expected === undefined
          ? []
          : [receiveContaining(client, `${route.key}: ${who}`, expected.replaceAll(RUN, run), settings.stepTimeoutMs)],
      );
      await Promise.all(waits);
    } finally {
      await sender.close();
    }
  } finally {
    await observer?.close();
  }
}
