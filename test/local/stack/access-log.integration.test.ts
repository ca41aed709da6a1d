/** The stage access log: the template's own Format, one line per connect, message and disconnect, written to a file and at debug to the log. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startLocalStack } from '../../../local/stack/index.ts';
import { asEdge, withKnownOriginSecret } from '../../support/edge-secret.ts';
import { connect } from '../../../smoke/client.ts';
import { freshBundleDir } from '../../support/generated-stack.ts';

/** The stage's access log the stack wrote into `logDir`: one JSON object a line. */
const accessLogEntries = (logDir: string) =>
  readFileSync(join(logDir, 'api-access.log'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, string>);

const TEMPLATE = new URL('../../../template.yaml', import.meta.url).pathname;
const REQUEST_TIME = /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/;

describe('stage access log', () => {
  it("writes each request in the template's format with its $context values, to <stage>-access.log and to the debug log", async () => {
    const logDir = mkdtempSync(join(tmpdir(), 'access-log-'));
    const lines: string[] = [];
    const stack = await startLocalStack({
      templateFile: TEMPLATE,
      bundleDir: freshBundleDir(),
      logDir,
      logLevel: 'debug',
      log: (line) => lines.push(line),
      ...withKnownOriginSecret(),
    });
    let connectionId = '';
    try {
      const client = await connect(stack.outputs.APIEndpoint, 10_000, asEdge());
      client.socket.send('hello access log');
      const echo = JSON.parse(await client.next('the echo', 10_000)) as { requestContext: { connectionId: string } };
      connectionId = echo.requestContext.connectionId;
      await client.close();
    } finally {
      await stack.stop();
    }
    const written = accessLogEntries(logDir);
    assert.deepEqual(
      written.map((entry) => [entry['eventType'], entry['routeKey'], entry['status'], entry['connectionId']]),
      [
        ['CONNECT', '$connect', '200', connectionId],
        ['MESSAGE', '$default', '200', connectionId],
        ['DISCONNECT', '$disconnect', '200', connectionId],
      ],
    );
    for (const entry of written) {
      assert.deepEqual(Object.keys(entry), [
        'requestId',
        'ip',
        'requestTime',
        'eventType',
        'routeKey',
        'status',
        'connectionId',
        'integrationStatus',
        'integrationLatency',
        'errorMessage',
      ]);
      assert.match(entry['requestId'] ?? '', /^[A-Za-z0-9+/_-]{15}=$/);
      assert.equal(entry['ip'], '127.0.0.1');
      assert.match(entry['requestTime'] ?? '', REQUEST_TIME);
      assert.equal(entry['integrationStatus'], '200'); // DynamoDB's PutItem/DeleteItem, Lambda's Invoke
      assert.match(entry['integrationLatency'] ?? '', /^\d+$/);
      assert.equal(entry['errorMessage'], '-');
    }
    assert.equal(new Set(written.map((entry) => entry['requestId'])).size, 3);
    const debugLines = lines.filter((line) => line.startsWith('access: '));
    assert.deepEqual(
      debugLines.map((line) => JSON.parse(line.slice('access: '.length)) as unknown),
      written,
    );
  });

  it('logs a custom route by its key (a Step Functions integration)', async () => {
    const logDir = mkdtempSync(join(tmpdir(), 'access-log-'));
    const stack = await startLocalStack({
      templateFile: TEMPLATE,
      bundleDir: freshBundleDir(),
      logDir,
      log: () => {},
      waitTimeScale: 0.01,
      ...withKnownOriginSecret(),
    });
    try {
      const client = await connect(stack.outputs.APIEndpoint, 10_000, asEdge());
      client.socket.send(JSON.stringify({ action: 'sync_sfn', data: 1 }));
      assert.equal(JSON.parse(await client.next('the workflow result', 20_000)).status, 'SUCCEEDED');
      await client.close();
    } finally {
      await stack.stop();
    }
    const written = accessLogEntries(logDir);
    assert.deepEqual(
      written.map((entry) => entry['routeKey']),
      ['$connect', 'sync_sfn', '$disconnect'],
    );
  });
});
