/**
 * Python handlers through the warm python3 bridge: Lambda's event and context, results as JSON, exceptions and
 * init failures as the Lambda Python runtime reports them, timeouts, and the handler's own output kept apart from
 * the protocol. Skipped visibly without python3 (failing where REQUIRE_TOOLS=1 or REQUIRE_PYTHON3=1).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLambdaService, type LambdaFunctionSpec, type LambdaService } from '../../../local/lambda/index.ts';
import { PYTHON3_INSTALLED, skipWithoutPython } from '../../support/python3.ts';
import { writeCodeFolder } from './code-folder.ts';
import { errorOf, resultOf } from './outcomes.ts';
import { makeBundleDir } from './service-setup.ts';

describe('local Lambda: Python functions', () => {
  let work: Awaited<ReturnType<typeof makeBundleDir>>;
  let service: LambdaService | undefined;
  const fn = (name: string, handler: string, extra: Partial<LambdaFunctionSpec> = {}): LambdaFunctionSpec => ({
    name,
    codeUri: join(work.dir, 'src'),
    handler,
    runtime: 'python3.12',
    timeoutSeconds: 2,
    memorySizeMb: 256,
    environment: { GREETING: 'hi' },
    ...extra,
  });

  before(async () => {
    work = await makeBundleDir();
    await writeCodeFolder(join(work.dir, 'src'), {
      'app.py': [
        'import decimal, json, os, sys, time',
        'from shared import where',
        'LOADS = []',
        'LOADS.append(1)',
        'def handler(event, context):',
        '    print(\'{"id": 1, "ok": true, "resultJson": "\\\\"forged\\\\""}\')',
        '    print("to stderr", file=sys.stderr)',
        '    if event.get("sleep"): time.sleep(event["sleep"])',
        '    return {"event": event, "env": os.environ["GREETING"], "layer": where, "loads": len(LOADS), "cwd": os.getcwd(),',
        '            "name": context.function_name, "memory": context.memory_limit_in_mb, "arn": context.invoked_function_arn,',
        '            "requestId": context.aws_request_id, "remaining": context.get_remaining_time_in_millis(), "price": decimal.Decimal("2.5")}',
        'def fails(event, context):',
        '    raise KeyError("missing thing")',
        'def unserialisable(event, context):',
        '    return {"set": {1, 2}}',
        'def leaves(event, context):',
        '    os._exit(3)',
      ].join('\n'),
      'pkg/nested.py': 'def handler(event, context):\n    return "nested module"\n',
      'pkg/__init__.py': '',
      'broken.py': 'def handler(event, context)\n    return 1\n',
      'importer.py': 'import not_installed_anywhere\ndef handler(event, context):\n    return 1\n',
    });
    await writeCodeFolder(join(work.dir, 'layer'), { 'python/shared.py': 'where = "from the layer"\n' });
    if (!PYTHON3_INSTALLED) return;
    service = createLambdaService({
      bundleDir: join(work.dir, 'bundles'),
      functions: [
        fn('App', 'app.handler', { layers: [join(work.dir, 'layer')] }),
        fn('Fails', 'app.fails', { layers: [join(work.dir, 'layer')] }),
        fn('Unserialisable', 'app.unserialisable', { layers: [join(work.dir, 'layer')] }),
        fn('Leaves', 'app.leaves', { layers: [join(work.dir, 'layer')] }),
        fn('Nested', 'pkg/nested.handler'),
        fn('Broken', 'broken.handler'),
        fn('Importer', 'importer.handler'),
        fn('NoLayer', 'app.handler'),
        fn('MissingHandler', 'app.nothing_here', { layers: [join(work.dir, 'layer')] }),
      ],
    });
    await service.start();
  });

  after(async () => {
    await service?.stop();
    await work.remove();
  });

  it('runs the handler with the event, a Lambda context, the layer on sys.path and the task root as cwd', async (t) => {
    if (skipWithoutPython(t)) return;
    const got = resultOf(await service!.invoke('App', { hello: ['world', 1, null] }));
    assert.deepEqual(got.event, { hello: ['world', 1, null] });
    assert.equal(got.env, 'hi');
    assert.equal(got.layer, 'from the layer');
    assert.equal(got.cwd, join(work.dir, 'src'));
    assert.equal(got.name, 'App');
    assert.equal(got.memory, '256');
    assert.match(got.arn, /^arn:aws:lambda:us-east-1:\d{12}:function:App$/);
    assert.match(got.requestId, /^[0-9a-f-]{36}$/);
    assert.ok(got.remaining > 0 && got.remaining <= 2000, String(got.remaining));
    assert.equal(got.price, 2.5, 'Decimal goes out as a number, as the Lambda Python runtime does');
    assert.equal(resultOf(await service!.invoke('App', {})).loads, 1, 'the module is imported once per warm sandbox');
    assert.equal(resultOf(await service!.invoke('Nested', {})), 'nested module');
  });

  it("reports an exception as errorType, errorMessage and the stack trace of the handler's frames", async (t) => {
    if (skipWithoutPython(t)) return;
    const error = errorOf(await service!.invoke('Fails', {}));
    assert.equal(error.errorType, 'KeyError');
    assert.equal(error.errorMessage, "'missing thing'");
    assert.equal(error.stack?.length, 1);
    assert.match(error.stack?.[0] ?? '', /File ".*app\.py", line \d+, in fails\n {4}raise KeyError\("missing thing"\)/);
    const marshal = errorOf(await service!.invoke('Unserialisable', {}));
    assert.deepEqual(
      [marshal.errorType, marshal.errorMessage],
      ['Runtime.MarshalError', 'Unable to marshal response: Object of type set is not JSON serializable'],
    );
  });

  it('names init failures as Lambda does, and tries again on the next invocation', async (t) => {
    if (skipWithoutPython(t)) return;
    const syntax = errorOf(await service!.invoke('Broken', {}));
    assert.equal(syntax.errorType, 'Runtime.UserCodeSyntaxError');
    assert.match(syntax.errorMessage, /^Syntax error in module 'broken': /);
    const missing = errorOf(await service!.invoke('Importer', {}));
    assert.deepEqual(
      [missing.errorType, missing.errorMessage],
      ['Runtime.ImportModuleError', "Unable to import module 'importer': No module named 'not_installed_anywhere'"],
    );
    const noLayer = errorOf(await service!.invoke('NoLayer', {}));
    assert.deepEqual(
      [noLayer.errorType, noLayer.errorMessage],
      ['Runtime.ImportModuleError', "Unable to import module 'app': No module named 'shared'"],
    );
    const handler = errorOf(await service!.invoke('MissingHandler', {}));
    assert.deepEqual(
      [handler.errorType, handler.errorMessage],
      ['Runtime.HandlerNotFound', "Handler 'nothing_here' missing on module 'app'"],
    );
    assert.equal(errorOf(await service!.invoke('Importer', {})).errorType, 'Runtime.ImportModuleError');
  });

  it('times out at the function timeout and answers the next invocation from a fresh process', async (t) => {
    if (skipWithoutPython(t)) return;
    const [slow, next] = await Promise.all([
      service!.invoke('App', { sleep: 5 }),
      service!.invoke('App', { after: true }),
    ]);
    assert.deepEqual(slow, { kind: 'timeout', timeoutSeconds: 2 });
    assert.deepEqual(resultOf(next).event, { after: true });
    assert.equal(resultOf(next).loads, 1, 'a cold start after the timeout');
  });

  it('keeps print() on stdout out of the protocol, and turns an exit into Runtime.ExitError', async (t) => {
    if (skipWithoutPython(t)) return;
    // app.handler prints a line shaped like a bridge answer; the result is still the handler's.
    assert.notEqual(resultOf(await service!.invoke('App', {})), 'forged');
    const exited = errorOf(await service!.invoke('Leaves', {}));
    assert.equal(exited.errorType, 'Runtime.ExitError');
    assert.match(exited.errorMessage, /Runtime exited with error: exit status 3$/);
  });

  it("is bounded like a Node.js sandbox: throttled past maxInFlight, a gone caller's waiting invocation never runs, interrupt ends all", async (t) => {
    if (skipWithoutPython(t)) return;
    const bounded = createLambdaService({
      bundleDir: join(work.dir, 'bundles'),
      maxInFlight: 2,
      functions: [fn('Bounded', 'app.handler', { layers: [join(work.dir, 'layer')] })],
    });
    await bounded.start();
    try {
      const caller = new AbortController();
      const running = bounded.invoke('Bounded', { sleep: 0.5 });
      const waiting = bounded.invoke('Bounded', { n: 2 }, { signal: caller.signal });
      assert.deepEqual(await bounded.invoke('Bounded', { n: 3 }), { kind: 'throttled' });
      caller.abort();
      assert.deepEqual(await waiting, { kind: 'dropped', reason: 'caller-gone' });
      assert.equal(resultOf(await running).event.sleep, 0.5);
      const interrupted = bounded.invoke('Bounded', { sleep: 5 });
      setTimeout(() => bounded.interrupt(), 200);
      assert.deepEqual(await interrupted, { kind: 'dropped', reason: 'interrupted' });
      assert.deepEqual(resultOf(await bounded.invoke('Bounded', { after: 'interrupt' })).event, { after: 'interrupt' });
    } finally {
      await bounded.stop();
    }
  });

  it('says clearly which functions need Python when there is no interpreter', async () => {
    const missing = createLambdaService({
      bundleDir: join(work.dir, 'bundles'),
      python: join(work.dir, 'no-such-python3'),
      functions: [fn('App', 'app.handler'), fn('Other', 'app.handler')],
    });
    await assert.rejects(
      missing.start(),
      /^Error: Lambda functions App, Other need Python 3, and .*no-such-python3 was not found on PATH\. Install Python 3/,
    );
  });
});
