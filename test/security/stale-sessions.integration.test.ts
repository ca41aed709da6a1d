/**
 * Issue 13, finding 7: after a crash, the dead run's session records stayed until their TTL although no connection
 * survived it. `npm start` is killed with SIGKILL while clients are connected (no `$disconnect` runs); the next start
 * on the same data directory removes those records, says how many in one log line, and keeps every other item.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { connect, type SmokeClient } from '../../smoke/client.ts';
import { EXAMPLE_STACKS, exampleClient, openSessions, startExample, type ExampleStack } from './example-stacks.ts';
import { startNpmStart } from './npm-start.ts';

const WAIT_MS = 10_000;
const START_MS = 90_000;
const CLIENTS = 3;

/** Runs `example` with `npm start` on `dataDir`, connects CLIENTS clients, then kills the process without warning. */
async function crashWithClients(example: ExampleStack, dataDir: string): Promise<void> {
  const started = await startNpmStart(['--config', example.configFile, '--data-dir', dataDir], START_MS);
  const clients: SmokeClient[] = [];
  try {
    const client = exampleClient(example, started.outputs);
    for (let i = 0; i < CLIENTS; i++) clients.push(await connect(client.url, WAIT_MS, client.options));
    const sessions = openSessions(started.outputs);
    assert.equal((await sessions.ids()).length, CLIENTS, 'each connected client has a session record');
    // A record that is not a connection's: it must survive the clean-up.
    const dynamodb = new DynamoDBClient({
      endpoint: started.outputs.DynamoDBEndpoint,
      region: started.outputs.Region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await dynamodb.send(
      new PutItemCommand({ TableName: started.outputs.Sessions, Item: { connectionid: { S: 'not-a-connection-id' } } }),
    );
    dynamodb.destroy();
    sessions.close();
  } finally {
    started.child.kill('SIGKILL');
    assert.equal(await started.exited, 'SIGKILL');
    for (const client of clients) await client.closedWithin('the socket closing with the killed process', WAIT_MS);
  }
}

for (const example of EXAMPLE_STACKS) {
  describe(`${example.name}: session records of a crashed run`, () => {
    it('are removed at the next start on the same data directory, with their count in one log line', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'stale-sessions-'));
      await crashWithClients(example, dataDir);
      const logs: string[] = [];
      const next = await startExample(example, { dataDir, log: (line) => logs.push(line) });
      try {
        assert.deepEqual(await next.sessionIds(), ['not-a-connection-id']);
        assert.deepEqual(
          logs.filter((line) => line.startsWith('sessions:')),
          [
            `sessions: removed ${CLIENTS} record(s) of connections from an earlier run from ${next.stack.outputs.Sessions}; none of these connections exists`,
          ],
        );
        const client = await connect(next.client.url, WAIT_MS, next.client.options);
        assert.equal((await next.sessionIds()).length, 2, 'a new client is recorded as usual');
        await client.close();
      } finally {
        await next.stop();
      }
    });
  });
}

describe('staleSessions: report', () => {
  it('leaves the records in place and logs their count', async () => {
    const example = EXAMPLE_STACKS.find((candidate) => candidate.name === 'examples/minimal')!;
    const dataDir = mkdtempSync(join(tmpdir(), 'stale-sessions-'));
    await crashWithClients(example, dataDir);
    const logs: string[] = [];
    const next = await startExample(example, { dataDir, staleSessions: 'report', log: (line) => logs.push(line) });
    try {
      assert.equal((await next.sessionIds()).length, CLIENTS + 1);
      assert.deepEqual(
        logs.filter((line) => line.startsWith('sessions:')),
        [
          `sessions: ${CLIENTS} record(s) of connections from an earlier run remain in ${next.stack.outputs.Sessions} (staleSessions: 'report'); none of these connections exists`,
        ],
      );
    } finally {
      await next.stop();
    }
  });
});

describe('staleSessions: a value that is not a mode', () => {
  it('is refused before anything starts, naming the option, the value and the rule', async () => {
    await assert.rejects(startExample(EXAMPLE_STACKS[0]!, { staleSessions: 'delete' as never }), {
      message: "startLocalStack: invalid options:\n  staleSessions: \"delete\" must be 'remove' or 'report'",
    });
  });
});
