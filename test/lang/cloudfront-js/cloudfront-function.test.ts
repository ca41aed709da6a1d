import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compileViewerRequestFunction,
  DEFAULT_CPU_BUDGET_MS,
  sampleViewerRequestEvent,
  type ViewerRequestEvent,
} from '../../../lang/cloudfront-js/index.ts';
import { loadTemplateEdge } from '../../support/template-edge.ts';

// A roomy budget for functions that must succeed: vm's timeout is wall-clock and test machines are shared.
const ROOMY = { cpuBudgetMs: 200 };

function makeEvent(uri = '/ocpp/CP001'): ViewerRequestEvent {
  return sampleViewerRequestEvent(
    {
      uri,
      querystring: { ID: { value: '42' } },
      headers: { host: { value: 'd111111abcdef8.cloudfront.net' }, 'sec-websocket-protocol': { value: 'ocpp1.6' } },
    },
    'req-1',
  );
}

describe('compileViewerRequestFunction: the template function', () => {
  const template = loadTemplateEdge();
  for (const runtime of ['cloudfront-js-1.0', 'cloudfront-js-2.0'] as const) {
    it(`moves the path into ws-uri on ${runtime}`, () => {
      const outcome = compileViewerRequestFunction(template.code, runtime, ROOMY).run(
        makeEvent('/this/is/my/custom/path/'),
      );
      const expected = makeEvent('/');
      expected.request.headers['ws-uri'] = { value: '/this/is/my/custom/path/' };
      assert.deepEqual(outcome, { kind: 'request', request: expected.request });
    });
  }
});

describe('compileViewerRequestFunction: sandbox', () => {
  it('hides process, timers and require modules, blocks eval, and freezes Date', () => {
    const fn = compileViewerRequestFunction(
      `function handler(e) {
      var seen = [typeof process, typeof setTimeout, typeof module, String(Date.now()), String(new Date().getTime())];
      try { eval('1'); seen.push('eval ran'); } catch (err) { seen.push('eval blocked'); }
      try { require('crypto'); } catch (err) { seen.push(err.message); }
      e.request.headers['x-seen'] = { value: seen.join('|') };
      return e.request;
    }`,
      'cloudfront-js-1.0',
      { ...ROOMY, now: () => 1_700_000_000_000 },
    );
    const outcome = fn.run(makeEvent());
    assert.equal(outcome.kind, 'request');
    if (outcome.kind !== 'request') return;
    assert.equal(
      outcome.request.headers['x-seen']?.value,
      [
        'undefined',
        'undefined',
        'undefined',
        '1700000000000',
        '1700000000000',
        'eval blocked',
        "require('crypto') is not available in the local CloudFront Functions sandbox",
      ].join('|'),
    );
  });

  it('starts every run with fresh top-level bindings', () => {
    const fn = compileViewerRequestFunction(
      'var count = 0;\nfunction handler(e) { count += 1; e.request.headers["x-count"] = { value: String(count) }; return e.request; }',
      'cloudfront-js-1.0',
      ROOMY,
    );
    const first = fn.run(makeEvent());
    const second = fn.run(makeEvent());
    assert.ok(first.kind === 'request' && second.kind === 'request');
    assert.equal(first.request.headers['x-count']?.value, '1');
    assert.equal(second.request.headers['x-count']?.value, '1');
  });

  it('keeps globals and intrinsics from carrying state to the next run', () => {
    const fn = compileViewerRequestFunction(
      `function handler(e) {
      var seen = [typeof globalThis.stash, typeof Array.prototype.stash, String(Object.isFrozen(Array.prototype))];
      try { globalThis.stash = 1; } catch (err) { seen.push('global write threw'); }
      try { Array.prototype.stash = 1; } catch (err) { seen.push('prototype write threw'); }
      try { JSON = null; } catch (err) { seen.push('JSON write threw'); }
      var own = {}; own.toString = function () { return 'own'; };
      seen.push(String(own), typeof JSON);
      e.request.headers['x-seen'] = { value: seen.join('|') };
      return e.request;
    }`,
      'cloudfront-js-2.0',
      ROOMY,
    );
    const runs = [fn.run(makeEvent()), fn.run(makeEvent())];
    for (const outcome of runs) {
      assert.equal(outcome.kind, 'request');
      if (outcome.kind === 'request') {
        assert.equal(
          outcome.request.headers['x-seen']?.value,
          'undefined|undefined|true|prototype write threw|JSON write threw|own|object',
        );
      }
    }
  });

  it('refuses writes to the built-ins V8 guards process-wide (species constructors, iterators, then), run after run', () => {
    const fn = compileViewerRequestFunction(
      `function handler(e) {
      var seen = [];
      var writes = [
        function () { Array.prototype.constructor = Object; }, function () { Array.prototype[Symbol.iterator] = null; },
        function () { Promise.prototype.then = null; }, function () { RegExp.prototype.constructor = Object; },
        function () { Uint8Array.prototype.constructor = Object; },
      ];
      for (var i = 0; i < writes.length; i++) { try { writes[i](); seen.push('wrote'); } catch (err) { seen.push(err.name); } }
      seen.push([1, 2].map(function (x) { return x * 2; }).join(','), Array.from('ab').length, typeof Promise.prototype.then);
      e.request.headers['x-seen'] = { value: seen.join('|') };
      return e.request;
    }`,
      'cloudfront-js-2.0',
      ROOMY,
    );
    for (const outcome of [fn.run(makeEvent()), fn.run(makeEvent())]) {
      assert.equal(outcome.kind, 'request');
      if (outcome.kind === 'request') {
        assert.equal(
          outcome.request.headers['x-seen']?.value,
          'TypeError|TypeError|TypeError|TypeError|TypeError|2,4|2|function',
        );
      }
    }
  });

  it(`stops an infinite loop at the default ${DEFAULT_CPU_BUDGET_MS} ms budget and runs the next event normally`, () => {
    const fn = compileViewerRequestFunction(
      'function handler(e) { if (e.request.uri === "/loop") { while (true) {} } return e.request; }',
      'cloudfront-js-2.0',
    );
    assert.deepEqual(fn.run(makeEvent('/loop')), {
      kind: 'error',
      cause: 'execution',
      reason: `the function exceeded its CPU budget of ${DEFAULT_CPU_BUDGET_MS} ms`,
    });
    const roomy = compileViewerRequestFunction('function handler(e) { return e.request; }', 'cloudfront-js-2.0', ROOMY);
    assert.equal(roomy.run(makeEvent('/fine')).kind, 'request');
  });

  it('removes globals a run added, even non-deletable ones', () => {
    const fn = compileViewerRequestFunction(
      `function handler(e) {
      var seen = typeof globalThis.loose + '|' + typeof globalThis.pinned;
      globalThis.loose = 1;
      Object.defineProperty(globalThis, 'pinned', { value: 1 });
      e.request.headers['x-seen'] = { value: seen };
      return e.request;
    }`,
      'cloudfront-js-2.0',
      ROOMY,
    );
    for (let run = 0; run < 3; run += 1) {
      const outcome = fn.run(makeEvent());
      assert.ok(outcome.kind === 'request');
      assert.equal(outcome.request.headers['x-seen']?.value, 'undefined|undefined');
    }
  });

  it('keeps the budget when the code catches the budget error, recurses or spins on promise jobs', () => {
    const budget = { kind: 'error', cause: 'execution', reason: 'the function exceeded its CPU budget of 20 ms' };
    for (const body of [
      'try { for (;;) {} } catch (err) { return e.request; }',
      'function down(n) { try { return down(n + 1) + down(n + 2); } catch (err) { return down(n); } } return down(0);',
    ]) {
      const fn = compileViewerRequestFunction(`function handler(e) { ${body} }`, 'cloudfront-js-2.0', {
        cpuBudgetMs: 20,
      });
      assert.deepEqual(fn.run(makeEvent()), budget, body);
      assert.deepEqual(fn.run(makeEvent()), budget, `${body} (second run)`);
    }
    const spin = compileViewerRequestFunction(
      'async function handler(e) { if (e.request.uri === "/spin") { for (;;) { await null; } } return e.request; }',
      'cloudfront-js-2.0',
      { cpuBudgetMs: 20 },
    );
    assert.deepEqual(spin.run(makeEvent('/spin')), budget);
    assert.equal(spin.run(makeEvent('/fine')).kind, 'request');
  });

  it('does not count one long pause between two checks (a GC, a busy machine), but stops a runaway made of them', () => {
    // One native call at least three times PAUSE_MS long, sized on this machine, stands for the pause.
    let size = 100_000;
    const joinTakes = (n: number) => {
      const start = performance.now();
      new Array(n).fill(7).join(',');
      return performance.now() - start;
    };
    while (joinTakes(size) < 60) size *= 2;
    const paused = compileViewerRequestFunction(
      `function handler(e) { var s = ''; for (var i = 0; i < 40; i++) { if (i === 20) s = new Array(${size}).fill(7).join(','); } e.request.headers['x-length'] = { value: String(s.length) }; return e.request; }`,
      'cloudfront-js-2.0',
      { cpuBudgetMs: 5 },
    );
    const outcome = paused.run(makeEvent());
    assert.equal(outcome.kind, 'request', JSON.stringify(outcome));
    assert.equal(outcome.kind === 'request' && outcome.request.headers['x-length']?.value, String(size * 2 - 1));
    // Every gap between checks (16 iterations) is as long here: the allowance runs out and the budget stops the loop.
    const runaway = compileViewerRequestFunction(
      `function handler(e) { for (;;) { new Array(${Math.ceil(size / 16)}).fill(7).join(','); } }`,
      'cloudfront-js-2.0',
      { cpuBudgetMs: 5 },
    );
    assert.deepEqual(runaway.run(makeEvent()), {
      kind: 'error',
      cause: 'execution',
      reason: 'the function exceeded its CPU budget of 5 ms',
    });
  });

  it('stops a catastrophically backtracking regular expression at the budget', () => {
    const fn = compileViewerRequestFunction(
      'function handler(e) { if (/^(a+)+$/.test("a".repeat(40) + "b")) { return e.request; } return e.request; }',
      'cloudfront-js-2.0',
      { cpuBudgetMs: 20 },
    );
    assert.deepEqual(fn.run(makeEvent()), {
      kind: 'error',
      cause: 'execution',
      reason: 'the function exceeded its CPU budget of 20 ms',
    });
  });

  it('reports a thrown error as an execution error', () => {
    const outcome = compileViewerRequestFunction(
      'function handler(e) { throw new Error("boom"); }',
      'cloudfront-js-2.0',
      ROOMY,
    ).run(makeEvent());
    assert.deepEqual(outcome, { kind: 'error', cause: 'execution', reason: 'the handler threw: boom' });
  });
});

describe('compileViewerRequestFunction: result validation', () => {
  const judge = (body: string) =>
    compileViewerRequestFunction(`function handler(e) { ${body} }`, 'cloudfront-js-2.0', ROOMY).run(makeEvent());

  it('returns a response object as a response outcome', () => {
    assert.deepEqual(
      judge("return { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/x' } } };"),
      {
        kind: 'response',
        response: { statusCode: 302, statusDescription: 'Found', headers: { location: { value: '/x' } } },
      },
    );
  });

  for (const [what, body, pattern] of [
    [
      'a disallowed header',
      "e.request.headers['connection'] = { value: 'close' }; return e.request;",
      /'connection'.*disallowed/,
    ],
    ['an X-Amz-Cf-* header', "e.request.headers['x-amz-cf-pop'] = { value: 'x' }; return e.request;", /disallowed/],
    ['a changed read-only host', "e.request.headers.host = { value: 'evil' }; return e.request;", /'host'.*read-only/],
    ['a changed method', "e.request.method = 'POST'; return e.request;", /method is read-only/],
    ['a uri without a leading slash', "e.request.uri = 'x'; return e.request;", /starting with '\//],
    ['an upper-case header name', "e.request.headers['X-A'] = { value: '1' }; return e.request;", /lower-case/],
    ['nothing', 'return;', /handler returned null/],
    ['a bad status code', 'return { statusCode: 99 };', /100 to 599/],
  ] as const) {
    it(`rejects ${what} as a validation error`, () => {
      const outcome = judge(body);
      assert.equal(outcome.kind, 'error');
      if (outcome.kind === 'error') {
        assert.equal(outcome.cause, 'validation');
        assert.match(outcome.reason, pattern);
      }
    });
  }
});
