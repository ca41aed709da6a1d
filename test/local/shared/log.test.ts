/** The stack's log records: levels, the text and JSON formats, and a hub that builds nothing nobody reads. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatLogJson, formatLogText } from '../../../local/shared/log-format.ts';
import { createLogHub } from '../../../local/shared/log-hub.ts';
import type { LogRecord } from '../../../local/shared/log.ts';
import { createStackLog } from '../../../local/stack/stack-log.ts';

const RECORD: LogRecord = {
  time: Date.UTC(2026, 3, 9, 12, 0, 0, 5),
  level: 'warn',
  service: 'iam',
  message: 'AccessDenied: role X\nmay not',
  fields: { action: 'states:StartExecution' },
};

describe('log records', () => {
  it('formats text as the service and message, and JSON as one object per line with the fields after the four fixed members', () => {
    assert.equal(formatLogText(RECORD), 'iam: AccessDenied: role X\nmay not');
    const line = formatLogJson({ ...RECORD, fields: { ...RECORD.fields, level: 'forged' } });
    assert.equal(line.includes('\n'), false);
    assert.deepEqual(JSON.parse(line), {
      time: '2026-04-09T12:00:00.005Z',
      level: 'warn',
      service: 'iam',
      message: 'AccessDenied: role X\nmay not',
      action: 'states:StartExecution',
    });
  });

  it('gives each listener the records at its level or louder; wants() is false for a level nobody listens to', () => {
    const hub = createLogHub();
    const quiet: string[] = [];
    const verbose: string[] = [];
    assert.equal(hub.wants('error'), false);
    hub.subscribe((record) => quiet.push(`${record.level} ${record.message}`), 'warn');
    assert.equal(hub.wants('info'), false);
    const unsubscribe = hub.subscribe((record) => verbose.push(`${record.level} ${record.message}`), 'debug');
    assert.equal(hub.wants('debug'), true);
    const log = hub.forService('api');
    log('listening');
    log('access line', 'debug');
    log('left 2 requests', 'warn');
    assert.deepEqual(quiet, ['warn left 2 requests']);
    assert.deepEqual(verbose, ['info listening', 'debug access line', 'warn left 2 requests']);
    unsubscribe();
    assert.equal(hub.wants('debug'), false);
  });

  it("writes the stack log to the caller's log at its level and format", () => {
    const lines: Array<[string, string | undefined]> = [];
    const hub = createStackLog({
      log: (line, level) => lines.push([line, level]),
      logLevel: 'warn',
      logFormat: 'json',
    });
    hub.forService('api')('not shown');
    hub.forService('stepfunctions')('run FAILED', 'warn', { executionArn: 'arn:x' });
    assert.equal(lines.length, 1);
    assert.deepEqual(
      { ...JSON.parse(lines[0]?.[0] ?? ''), time: undefined },
      { time: undefined, level: 'warn', service: 'stepfunctions', message: 'run FAILED', executionArn: 'arn:x' },
    );
    assert.equal(lines[0]?.[1], 'warn');
  });
});
