/** The access log file: one synchronous append per event-loop pass, lines in order, close flushes, a bad file reported once. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setImmediate as nextPass } from 'node:timers/promises';
import { createLogHub } from '../../../local/shared/log-hub.ts';
import type { LogRecord } from '../../../local/shared/log.ts';
import { createStageAccessLog } from '../../../local/stack/access-log.ts';

const FORMAT = '{"requestId":"$context.requestId","status":"$context.status"}';

function hubRecording(): { hub: ReturnType<typeof createLogHub>; records: LogRecord[] } {
  const hub = createLogHub();
  const records: LogRecord[] = [];
  hub.subscribe((record) => records.push(record), 'debug');
  return { hub, records };
}

describe('stage access log file', () => {
  it('appends the lines in order after what the file held, writes nothing inside the pass, and close writes the rest', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'access-log-file-')), 'logs', 'dev-access.log');
    const { hub, records } = hubRecording();
    const first = createStageAccessLog(FORMAT, file, hub);
    first.write({ requestId: 'a', status: 200 });
    first.write({ requestId: 'b"\n', status: 500 });
    assert.equal(existsSync(file) ? readFileSync(file, 'utf8') : '', '', 'nothing is written inside the pass');
    await nextPass();
    first.write({ requestId: 'c', status: 200 });
    await first.close();
    await first.close(); // a second close is harmless
    const second = createStageAccessLog(FORMAT, file, hub);
    second.write({ requestId: 'd' });
    await second.close();
    assert.deepEqual(readFileSync(file, 'utf8').split('\n'), [
      '{"requestId":"a","status":"200"}',
      '{"requestId":"b\\"\\n","status":"500"}',
      '{"requestId":"c","status":"200"}',
      '{"requestId":"d","status":"-"}',
      '',
    ]);
    assert.deepEqual(
      records.filter((record) => record.service === 'access').map((record) => record.message.slice(0, 18)),
      ['{"requestId":"a","', '{"requestId":"b\\"\\', '{"requestId":"c","', '{"requestId":"d","'],
    );
    assert.equal(records.filter((record) => record.level === 'error').length, 0);
  });

  it('reports a file it cannot open once, as an error naming the file, and keeps serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'access-log-file-'));
    const { hub, records } = hubRecording();
    const log = createStageAccessLog(FORMAT, dir, hub); // a directory: EISDIR
    log.write({ requestId: 'a' });
    await nextPass();
    log.write({ requestId: 'b' });
    await log.close();
    const errors = records.filter((record) => record.level === 'error');
    assert.equal(errors.length, 1);
    assert.match(errors[0]?.message ?? '', new RegExp(`^access log ${dir}: EISDIR`));
  });

  it('reports a line written after close once, and writes nothing more', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'access-log-file-')), 'dev-access.log');
    writeFileSync(file, 'kept\n');
    const { hub, records } = hubRecording();
    const log = createStageAccessLog(FORMAT, file, hub);
    await log.close();
    log.write({ requestId: 'late' });
    log.write({ requestId: 'later' });
    await nextPass();
    assert.equal(readFileSync(file, 'utf8'), 'kept\n');
    assert.deepEqual(
      records.filter((record) => record.level === 'error').map((record) => record.message),
      [`access log ${file}: write after end`],
    );
  });
});
