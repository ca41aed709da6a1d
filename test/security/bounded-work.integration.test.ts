/**
 * Issue 13, finding 6: a function's work is bounded and a stop ends it. On every example, with its `$default`
 * function replaced by fixtures/loop-or-mark.ts: messages of a closed connection waiting behind a looping handler never
 * run; past 1,000 invocations in flight the excess is throttled with the `Internal server error` frame; and `stop()`
 * with a looping handler and a full queue ends at once, gives every client 1001 and still runs every `$disconnect`.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { connect, type SmokeClient } from '../../smoke/client.ts';
import { EXAMPLE_STACKS, startExample } from './example-stacks.ts';
import { withDefaultHandler } from './handler-variant.ts';

const WAIT_MS = 15_000;
/** Lambda's default concurrency quota, the local limit of invocations in flight per function. */
const MAX_IN_FLIGHT = 1000;

/** Resolves when `done()` holds, polling; rejects after `timeoutMs` naming `what`. */
async function until(what: string, done: () => boolean | Promise<boolean>, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Rejects when `work` takes longer than `timeoutMs` (a generous outer bound, not a speed assertion). */
async function within<T>(what: string, work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const isErrorFrame = (text: string): boolean => text.startsWith('{"message": "Internal server error", ');

for (const example of EXAMPLE_STACKS) {
  describe(`${example.name}: bounded work`, () => {
    it('never runs the waiting messages of a connection that closed behind a looping handler', async () => {
      const markFile = join(mkdtempSync(join(tmpdir(), 'marks-')), 'marks.txt');
      const templateFile = withDefaultHandler(example, 'loop-or-mark', {
        timeoutSeconds: 2,
        environment: { MARK_FILE: markFile },
      });
      const running = await startExample(example, { templateFile });
      try {
        const leaving = await connect(running.client.url, WAIT_MS, running.client.options);
        leaving.socket.send('mark:before-the-loop');
        leaving.socket.send('loop');
        for (let i = 0; i < 20; i++) leaving.socket.send(`mark:left-${i}`);
        // The worker goes straight from the first mark to the loop: once the mark is written, the loop runs.
        await until(
          'the first message ran',
          () => existsSync(markFile) && readFileSync(markFile, 'utf8').includes('mark:before-the-loop'),
        );
        await leaving.close();
        const staying = await connect(running.client.url, WAIT_MS, running.client.options);
        staying.socket.send('mark:stayed');
        // After the loop's 2 s timeout the function runs again, in a fresh sandbox: only what is still wanted.
        await until(
          "the staying client's message ran",
          () => existsSync(markFile) && readFileSync(markFile, 'utf8').includes('mark:stayed'),
        );
        assert.deepEqual(readFileSync(markFile, 'utf8').trim().split('\n'), ['mark:before-the-loop', 'mark:stayed']);
        await staying.close();
      } finally {
        await running.stop();
      }
    });

    it('throttles past 1,000 invocations in flight, then stop() ends the running and waiting work and runs every $disconnect', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'bounded-'));
      const templateFile = withDefaultHandler(example, 'loop-or-mark', { timeoutSeconds: 60, environment: {} });
      const running = await startExample(example, { templateFile, dataDir });
      const clients: SmokeClient[] = [];
      try {
        for (let i = 0; i < 3; i++) clients.push(await connect(running.client.url, WAIT_MS, running.client.options));
        const [flooding] = clients as [SmokeClient];
        let errorFrames = 0;
        flooding.socket.on('message', (data) => {
          if (isErrorFrame(data.toString())) errorFrames++;
        });
        flooding.socket.send('loop');
        const extra = 100;
        for (let i = 0; i < MAX_IN_FLIGHT - 1 + extra; i++) flooding.socket.send(`mark:${i}`);
        await until(`${extra} throttled messages answered with the error frame`, () => errorFrames >= extra);
        assert.equal(errorFrames, extra);
        assert.equal((await running.sessionIds()).length, clients.length);

        await within('stop() with a looping handler and a full queue', running.stack.stop(), 20_000);
        for (const client of clients)
          assert.equal((await client.closedWithin('the 1001 close on stop', WAIT_MS)).code, 1001);
      } finally {
        await running.stop().catch(() => undefined);
      }
      // Every $disconnect ran before the stop ended: the next start finds no record of those connections.
      const logs: string[] = [];
      const next = await startExample(example, {
        templateFile,
        dataDir,
        staleSessions: 'report',
        log: (line) => logs.push(line),
      });
      try {
        assert.deepEqual(await next.sessionIds(), []);
        assert.deepEqual(
          logs.filter((line) => line.startsWith('sessions:')),
          [],
        );
      } finally {
        await next.stop();
      }
    });
  });
}
