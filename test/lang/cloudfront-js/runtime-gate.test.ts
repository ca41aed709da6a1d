/**
 * The one place where the CloudFront Functions runtimes' language levels are tested. For cloudfront-js-1.0 the
 * source is AWS's list of supported features ("JavaScript runtime 1.0 features for CloudFront Functions",
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-javascript-runtime-10.html):
 * ES 5.1, plus `**`, template literals, arrow functions, rest parameters and named capture groups; no const/let.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CloudFrontFunctionCompileError,
  compileViewerRequestFunction,
  functionSourceProblems,
  sampleViewerRequestEvent,
} from '../../../lang/cloudfront-js/index.ts';

const viewerEvent = (uri: string) => sampleViewerRequestEvent({ uri });
const withHandler = (snippet: string): string => `${snippet}\nfunction handler(event) { return event.request; }`;
const problemsOf = (snippet: string, runtime: string) =>
  functionSourceProblems(withHandler(snippet), runtime).map((p) => p.message);

/** ES 5.1 and the ES 6–9 features the 1.0 page lists. */
const ACCEPTED_ON_1_0: ReadonlyArray<[feature: string, snippet: string]> = [
  [
    'ES 5.1 statements, labels, getters and setters',
    'var o = { get a() { return 1; }, set a(v) {} };\nouter: for (var i = 0; i < 2; i++) { for (var k in o) { continue outer; } }\ndo { i--; } while (i > 0);\ntry { throw new Error("x"); } catch (e) {} finally {}\nswitch (i) { case 0: break; default: }',
  ],
  ['the ES 7 exponentiation operator', 'var a = 2 ** 10; a **= 2;'],
  ['ES 6 template literals (multiline, interpolation, nesting)', 'var n = 1; var t = `a\nb ${n} ${`inner ${n}`}`;'],
  ['ES 6 arrow functions', 'var twice = (x) => x * 2; var one = () => { return 1; };'],
  ['ES 6 rest parameters', 'function all(first, ...rest) { return rest.length; }'],
  ['ES 9 named capture groups', 'var m = /(?<year>\\d{4})-(?<month>\\d{2})/.exec("2024-05");'],
  ['six-character unicode escapes and an escaped backslash before u{', 'var s = "\\u00e9 \\\\u{41}";'],
];

/** Later syntax the 1.0 list leaves out, each with the words the refusal must use. */
const REFUSED_ON_1_0: ReadonlyArray<[feature: string, snippet: string, names: RegExp]> = [
  ['const', 'const a = 1;', /'const' \(use var/],
  ['let', 'let a = 1;', /'let' \(use var/],
  ['async functions', 'async function f() { await 1; }', /async functions/],
  ['async arrows', 'var f = async () => 1;', /async functions/],
  ['generators', 'function* g() { yield 1; }', /generator functions/],
  ['classes', 'class A {}', /classes/],
  ['class expressions', 'var A = class {};', /classes/],
  ['for-of', 'for (var x of [1]) {}', /for-of loops/],
  ['object destructuring', 'var { a } = { a: 1 };', /destructuring/],
  ['array destructuring', 'var [a] = [1];', /destructuring/],
  ['default parameters', 'function f(a = 1) { return a; }', /default values/],
  ['spread in calls', 'Math.max(...[1, 2]);', /spread syntax/],
  ['object spread (ES 9)', 'var o = { ...{ a: 1 } };', /spread syntax/],
  ['shorthand properties', 'var a = 1; var o = { a };', /shorthand properties/],
  ['method definitions', 'var o = { m() { return 1; } };', /method definitions/],
  ['computed property names', 'var k = "a"; var o = { [k]: 1 };', /computed property names/],
  ['tagged templates', 'var s = String.raw`a`;', /tagged templates/],
  ['new.target', 'function F() { return new.target; }', /new\.target/],
  ['the sticky regex flag', 'var r = /a/y;', /flag 'y'/],
  ['the unicode regex flag', 'var r = /a/u;', /flag 'u'/],
  ['the dotAll regex flag', 'var r = /a.b/s;', /flag 's'/],
  ['binary literals', 'var b = 0b101;', /binary and octal literals/],
  ['octal literals', 'var o = 0o17;', /binary and octal literals/],
  ['code point escapes in strings', 'var s = "\\u{1F600}";', /code point escapes/],
  ['code point escapes in templates', 'var s = `\\u{1F600}`;', /code point escapes/],
  ['optional catch binding (ES 10)', 'try { f(); } catch { }', /cannot parse/],
  ['optional chaining (ES 11)', 'var a = ({}).b?.c;', /cannot parse/],
  ['nullish coalescing (ES 11)', 'var a = null ?? 1;', /cannot parse/],
];

describe('cloudfront-js-1.0: ES 5.1 plus the listed ES 6–9 features', () => {
  for (const [feature, snippet] of ACCEPTED_ON_1_0) {
    it(`accepts ${feature}`, () => assert.deepEqual(problemsOf(snippet, 'cloudfront-js-1.0'), []));
  }
  for (const [feature, snippet, names] of REFUSED_ON_1_0) {
    it(`refuses ${feature}, and 2.0 accepts it`, () => {
      const problems = problemsOf(snippet, 'cloudfront-js-1.0');
      assert.ok(problems.length > 0, `${feature} passed the 1.0 gate`);
      assert.match(problems.join('\n'), names);
      assert.deepEqual(problemsOf(snippet, 'cloudfront-js-2.0'), []);
    });
  }

  it('names the line and column of every refused form, all at once', () => {
    assert.deepEqual(problemsOf('var a = 1;\nconst b = 2;\nvar c = [...[a]];', 'cloudfront-js-1.0'), [
      "cloudfront-js-1.0 does not allow 'const' (use var, or runtime cloudfront-js-2.0) at line 2, column 1",
      'cloudfront-js-1.0 does not allow spread syntax (...) in calls, arrays or objects (rest parameters are allowed) at line 3, column 10',
    ]);
  });

  it('runs the accepted features in the sandbox', () => {
    const code = [
      'var pick = (uri, ...rest) => rest.length + uri.length;',
      'function handler(event) {',
      '  var m = /^\\/(?<first>[a-z]+)/.exec(event.request.uri);',
      '  event.request.headers["x-seen"] = { value: `${m.groups.first}:${2 ** 3}:${pick("ab", 1, 2)}` };',
      '  return event.request;',
      '}',
    ].join('\n');
    const outcome = compileViewerRequestFunction(code, 'cloudfront-js-1.0').run(viewerEvent('/chat/room'));
    assert.equal(outcome.kind, 'request');
    if (outcome.kind === 'request') assert.deepEqual(outcome.request.headers['x-seen'], { value: 'chat:8:4' });
  });
});

describe('cloudfront-js-2.0: the ES2021 grammar', () => {
  it('accepts ES2021 syntax (numeric separators, logical assignment)', () => {
    assert.deepEqual(problemsOf('var n = 1_000; var o = {}; o.a ??= n;', 'cloudfront-js-2.0'), []);
  });

  it('refuses ES2022 syntax (class fields, top-level await is not a script)', () => {
    assert.match(problemsOf('class A { x = 1; }', 'cloudfront-js-2.0').join(), /cloudfront-js-2.0 cannot parse/);
  });
});

describe('both runtimes: the quota, the handler, the runtime name', () => {
  it('refuses code over 10 KB and code without a top-level handler, naming both', () => {
    const big = `function other() {}\n//${'x'.repeat(10_300)}`;
    assert.deepEqual(
      functionSourceProblems(big, 'cloudfront-js-2.0').map((p) => p.kind),
      ['size', 'handler'],
    );
    assert.match(functionSourceProblems(big, 'cloudfront-js-2.0')[0]!.message, /at most 10240/);
  });

  it('refuses empty code and an unknown runtime by name', () => {
    assert.deepEqual(functionSourceProblems('  ', 'cloudfront-js-1.0'), [
      { kind: 'code', message: 'function code must be a non-empty string' },
    ]);
    assert.match(functionSourceProblems('function handler(e) {}', 'nodejs20.x')[0]!.message, /"nodejs20.x"/);
  });

  it('makes compiling throw a CloudFrontFunctionCompileError naming the line', () => {
    assert.throws(
      () =>
        compileViewerRequestFunction(
          'var a = 1;\nconst b = 2;\nfunction handler(e) { return e.request; }',
          'cloudfront-js-1.0',
        ),
      (error: unknown) => error instanceof CloudFrontFunctionCompileError && /'const'.*line 2/.test(error.message),
    );
    assert.throws(() => compileViewerRequestFunction('function other() {}', 'cloudfront-js-2.0'), /named handler/);
    assert.throws(
      () => compileViewerRequestFunction('function handler(e) {}', 'nodejs20.x' as 'cloudfront-js-2.0'),
      /"nodejs20.x"/,
    );
  });

  it('accepts const, let and async on cloudfront-js-2.0 and runs them', () => {
    const fn = compileViewerRequestFunction(
      'const h = "x-a";\nasync function handler(e) { let v = await Promise.resolve("1"); e.request.headers[h] = { value: v }; return e.request; }',
      'cloudfront-js-2.0',
    );
    const outcome = fn.run(viewerEvent('/'));
    assert.equal(outcome.kind, 'request');
    if (outcome.kind === 'request') assert.deepEqual(outcome.request.headers['x-a'], { value: '1' });
  });
});
