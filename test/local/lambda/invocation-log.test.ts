/** The invocation lines as Lambda writes them: START once, END, REPORT's fields and billed arithmetic (INIT billed since August 2025). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createInvocationLog, reportLine } from '../../../local/lambda/invocation-log.ts';

describe('reportLine', () => {
  it("writes Lambda's REPORT fields, billing a cold start's init and rounding up to the millisecond", () => {
    assert.equal(
      reportLine('id-1', 128, { durationMs: 4.421, maxMemoryUsedMb: 8.2, initDurationMs: 333.046 }),
      'REPORT RequestId: id-1\tDuration: 4.42 ms\tBilled Duration: 338 ms\tMemory Size: 128 MB\tMax Memory Used: 9 MB\tInit Duration: 333.05 ms',
    );
    assert.equal(
      reportLine('id-2', 256, { durationMs: 0.04, maxMemoryUsedMb: 0 }),
      'REPORT RequestId: id-2\tDuration: 0.04 ms\tBilled Duration: 1 ms\tMemory Size: 256 MB\tMax Memory Used: 1 MB',
    );
  });
});

describe('createInvocationLog', () => {
  it('writes START once, before the first line or END, and no second START for output after END', () => {
    const lines: string[] = [];
    const log = createInvocationLog('local-Fn', 128, (message) => lines.push(message));
    log.output('r1', 'hello', 'INFO', Date.parse('2026-01-02T03:04:05.678Z'));
    log.output('r1', 'raw line');
    log.finished('r1', { kind: 'result', result: null }, { durationMs: 1, maxMemoryUsedMb: 5 });
    log.output('r1', 'late line');
    log.finished(
      'r2',
      { kind: 'error', errorType: 'TypeError', errorMessage: 'no', stack: ['TypeError: no'] },
      { durationMs: 2, maxMemoryUsedMb: 5 },
    );
    assert.deepEqual(lines.slice(0, 6), [
      '[local-Fn] START RequestId: r1 Version: $LATEST',
      '[local-Fn] 2026-01-02T03:04:05.678Z\tr1\tINFO\thello',
      '[local-Fn] raw line',
      '[local-Fn] END RequestId: r1',
      '[local-Fn] REPORT RequestId: r1\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 5 MB',
      '[local-Fn] late line',
    ]);
    assert.equal(lines[6], '[local-Fn] START RequestId: r2 Version: $LATEST');
    assert.match(
      lines[7] ?? '',
      /^\[local-Fn\] \S+Z\tr2\tERROR\tInvoke Error \t\{"errorType":"TypeError","errorMessage":"no","stack":\["TypeError: no"\]\}$/,
    );
    assert.deepEqual(
      lines.slice(8).map((line) => line.split('\t')[0]),
      ['[local-Fn] END RequestId: r2', '[local-Fn] REPORT RequestId: r2'],
    );
  });

  it("gives every line its level and the function's and request's fields; a timeout's line; no START for an ended one", () => {
    const records: Array<{ message: string; level: string | undefined; fields: unknown }> = [];
    const log = createInvocationLog('local-Fn', 128, (message, level, fields) =>
      records.push({ message, level, fields: { ...fields } }),
    );
    log.finished('r3', { kind: 'timeout', timeoutSeconds: 3 }, { durationMs: 3000, maxMemoryUsedMb: 5 });
    log.finished('r3', { kind: 'result', result: null }, { durationMs: 1, maxMemoryUsedMb: 5 });
    const fields = { function: 'local-Fn', requestId: 'r3' };
    assert.deepEqual(
      records.map(({ message, level, fields }) => [
        message.split('\t')[0]?.replace(/^\[local-Fn\] \S+Z /, '[time] '),
        level,
        fields,
      ]),
      [
        ['[local-Fn] START RequestId: r3 Version: $LATEST', 'info', fields],
        ['[time] r3 Task timed out after 3.00 seconds', 'error', fields],
        ['[local-Fn] END RequestId: r3', 'info', fields],
        ['[local-Fn] REPORT RequestId: r3', 'info', fields],
        ['[local-Fn] END RequestId: r3', 'info', fields],
        ['[local-Fn] REPORT RequestId: r3', 'info', fields],
      ],
    );
  });
});
