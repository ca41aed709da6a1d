/**
 * Each invocation's lines as Lambda writes them: START, the handler's console output with its request id and level,
 * an error with its stack mapped to the TypeScript source, a timeout, END and REPORT with its figures (Init Duration
 * on a cold start only), every line after the function's name.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createLambdaService } from '../../../local/lambda/index.ts';
import type { LogFields, LogLevel } from '../../../local/shared/log.ts';
import { skipWithoutPython } from '../../support/python3.ts';
import { writeCodeFolder } from './code-folder.ts';
import { makeBundleDir } from './service-setup.ts';

interface Line {
  message: string;
  level: LogLevel | undefined;
  fields: LogFields | undefined;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ISO = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';

describe('Lambda invocation log lines', () => {
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('writes START, console lines, errors mapped to the .ts source, END and REPORT per invocation', async () => {
    const bundles = await makeBundleDir();
    const code = await makeBundleDir();
    cleanups.push(bundles.remove, code.remove);
    await writeCodeFolder(code.dir, {
      'app.ts': [
        'interface Event { fail?: boolean; sleepMs?: number }',
        'export const handler = async (event: Event) => {',
        '  console.log("hello %s", "world", { n: 1 });',
        '  console.warn("careful");',
        '  process.stdout.write("raw write\\n");',
        '  if (event.sleepMs) await new Promise((resolve) => setTimeout(resolve, event.sleepMs));',
        '  if (event.fail) throw new TypeError("it broke");',
        '  return "ok";',
        '};',
        '',
      ].join('\n'),
    });
    const lines: Line[] = [];
    const lambda = createLambdaService({
      bundleDir: bundles.dir,
      functions: [
        {
          name: 'local-Logger',
          codeUri: code.dir,
          handler: 'app.handler',
          entryPoints: ['app.ts'],
          timeoutSeconds: 3,
          memorySizeMb: 256,
          environment: {},
        },
      ],
      log: (message, level, fields) => lines.push({ message, level, fields }),
    });
    await lambda.start();
    cleanups.unshift(() => lambda.stop());
    lines.length = 0;

    assert.deepEqual(await lambda.invoke('local-Logger', {}), { kind: 'result', result: 'ok' });
    await new Promise((resolve) => setTimeout(resolve, 100)); // the raw write travels on the worker's stdout stream
    const first = lines.splice(0);
    const requestId = first[0]?.fields?.['requestId'];
    assert.match(String(requestId), new RegExp(`^${UUID}$`));
    // A raw write travels on another channel than console lines: its place among them is not fixed.
    const messages = first.map((line) => line.message).filter((message) => message !== '[local-Logger] raw write');
    assert.equal(messages[0], `[local-Logger] START RequestId: ${requestId} Version: $LATEST`);
    assert.match(
      messages[1]!,
      new RegExp(`^\\[local-Logger\\] ${ISO}\\t${requestId}\\tINFO\\thello world \\{ n: 1 \\}$`),
    );
    assert.match(messages[2]!, new RegExp(`^\\[local-Logger\\] ${ISO}\\t${requestId}\\tWARN\\tcareful$`));
    assert.equal(first.find((line) => line.message.endsWith('\tcareful'))?.level, 'warn');
    assert.equal(messages[3], `[local-Logger] END RequestId: ${requestId}`);
    const report = new RegExp(
      `^\\[local-Logger\\] REPORT RequestId: ${requestId}\\tDuration: (\\d+\\.\\d\\d) ms\\tBilled Duration: (\\d+) ms\\tMemory Size: 256 MB\\tMax Memory Used: (\\d+) MB\\tInit Duration: (\\d+\\.\\d\\d) ms$`,
    ).exec(messages[4]!);
    assert.ok(report, messages[4]);
    const [duration, billed, memory, init] = report.slice(1).map(Number) as [number, number, number, number];
    assert.equal(billed, Math.max(1, Math.ceil(duration + init)), 'a cold start bills its init');
    assert.ok(memory >= 1 && memory <= 256, `Max Memory Used ${memory} MB`);
    assert.ok(init > 0, 'a cold start has an Init Duration');
    assert.equal(first.filter((line) => line.message === '[local-Logger] raw write').length, 1);
    assert.ok(
      first.every((line) => line.fields?.['function'] === 'local-Logger' && line.fields['requestId'] === requestId),
    );

    // A warm invocation that throws: the error as the runtime logs it, its stack naming app.ts and the line.
    const failed = await lambda.invoke('local-Logger', { fail: true });
    assert.equal(failed.kind, 'error');
    const second = lines.splice(0).map((line) => line.message);
    const errorLine = second.find((message) => message.includes('\tERROR\tInvoke Error \t'));
    assert.ok(errorLine, second.join('\n'));
    const error = JSON.parse(errorLine.slice(errorLine.indexOf('Invoke Error \t') + 'Invoke Error \t'.length)) as {
      errorType: string;
      errorMessage: string;
      stack: string[];
    };
    assert.equal(error.errorType, 'TypeError');
    assert.equal(error.errorMessage, 'it broke');
    assert.match(
      error.stack[1] ?? '',
      new RegExp(`${join(code.dir, 'app.ts').replaceAll('/', '\\/')}:7:\\d+\\)?$`),
      'the stack is mapped to the TypeScript source',
    );
    const warmReport = second.find((message) => message.includes('REPORT RequestId'));
    assert.doesNotMatch(warmReport ?? '', /Init Duration/, 'no init on a warm start');
    assert.match(warmReport ?? '', /Billed Duration: \d+ ms/);

    // A timeout: Lambda's line, then END and REPORT.
    assert.equal((await lambda.invoke('local-Logger', { sleepMs: 10_000 })).kind, 'timeout');
    const third = lines.splice(0).map((line) => line.message);
    assert.ok(
      third.some((message) =>
        new RegExp(`^\\[local-Logger\\] ${ISO} ${UUID} Task timed out after 3\\.00 seconds$`).test(message),
      ),
      third.join('\n'),
    );
    assert.match(third.at(-1) ?? '', /REPORT RequestId: .*\tDuration: \d+\.\d\d ms/);
  });

  it('writes the same lines for a Python function: its print() output with the running request, REPORT with its peak RSS', async (t) => {
    if (skipWithoutPython(t)) return;
    const bundles = await makeBundleDir();
    const code = await makeBundleDir();
    cleanups.push(bundles.remove, code.remove);
    await writeCodeFolder(code.dir, {
      'app.py': 'def handler(event, context):\n    print("from python", context.aws_request_id)\n    return "ok"\n',
    });
    const lines: Line[] = [];
    const lambda = createLambdaService({
      bundleDir: bundles.dir,
      functions: [
        {
          name: 'local-Py',
          codeUri: code.dir,
          handler: 'app.handler',
          runtime: 'python3.12',
          timeoutSeconds: 5,
          memorySizeMb: 128,
          environment: {},
        },
      ],
      log: (message, level, fields) => lines.push({ message, level, fields }),
    });
    await lambda.start();
    cleanups.unshift(() => lambda.stop());
    lines.length = 0;
    assert.deepEqual(await lambda.invoke('local-Py', {}), { kind: 'result', result: 'ok' });
    await new Promise((resolve) => setTimeout(resolve, 200)); // stdout is another pipe than the answer
    const messages = lines.map((line) => line.message);
    const requestId = String(lines[0]?.fields?.['requestId']);
    assert.equal(messages[0], `[local-Py] START RequestId: ${requestId} Version: $LATEST`);
    assert.ok(messages.includes(`[local-Py] from python ${requestId}`), messages.join('\n'));
    assert.ok(messages.includes(`[local-Py] END RequestId: ${requestId}`), messages.join('\n'));
    assert.match(
      messages.find((message) => message.includes('REPORT')) ?? '',
      new RegExp(
        `^\\[local-Py\\] REPORT RequestId: ${requestId}\\tDuration: \\d+\\.\\d\\d ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: [1-9]\\d* MB\\tInit Duration: \\d+\\.\\d\\d ms$`,
      ),
    );
  });
});
