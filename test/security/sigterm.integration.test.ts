/**
 * Issue 13, finding 6: `npm start` (the way users run the stack) stops on SIGTERM under load: four clients flood the
 * `$default` echo (80,000 messages, bounded), SIGTERM follows, the process exits with 0, every client gets 1001, and
 * every `$disconnect` ran (the next start on the same data finds no record of those connections).
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { connect } from '../../smoke/client.ts';
import { EXAMPLE_STACKS, exampleClient, startExample } from './example-stacks.ts';
import { startNpmStart } from './npm-start.ts';

const WAIT_MS = 10_000;
const CLIENTS = 4;
const MESSAGES_PER_CLIENT = 20_000;

describe('npm start under a message flood', () => {
  it('exits on SIGTERM with every client given 1001 and every $disconnect run', async () => {
    const example = EXAMPLE_STACKS.find((candidate) => candidate.name === 'template.yaml')!;
    const dataDir = mkdtempSync(join(tmpdir(), 'sigterm-'));
    const started = await startNpmStart(['--config', example.configFile, '--data-dir', dataDir], 90_000);
    try {
      const target = exampleClient(example, started.outputs);
      const clients = await Promise.all(
        Array.from({ length: CLIENTS }, () => connect(target.url, WAIT_MS, target.options)),
      );
      const payload = JSON.stringify({ action: 'flood', data: 'x'.repeat(100) });
      for (let i = 0; i < MESSAGES_PER_CLIENT; i++) for (const client of clients) client.socket.send(payload);
      started.child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const exit = await Promise.race([
        started.exited,
        new Promise((resolve) => {
          timer = setTimeout(() => resolve('still running after 60 s'), 60_000);
        }),
      ]);
      clearTimeout(timer);
      assert.equal(exit, 0, started.output().slice(-2000));
      for (const client of clients)
        assert.equal((await client.closedWithin('the 1001 close on SIGTERM', WAIT_MS)).code, 1001);
    } finally {
      started.child.kill('SIGKILL');
    }
    const logs: string[] = [];
    const next = await startExample(example, { dataDir, staleSessions: 'report', log: (line) => logs.push(line) });
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
