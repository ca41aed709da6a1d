/**
 * JavaScript run inside the vm context around the function code (one script, so one CPU budget covers it all).
 * Kept on one line before the code so error line numbers match the function source.
 */

/**
 * Freezes `Date` at the function's start (CloudFront does), replaces `require` with a clear error (the
 * `crypto`/`querystring` modules CloudFront offers are not emulated), and hides the host hand-over slots.
 */
export const PRELUDE = [
  "'use strict';",
  '(function (g) {',
  'var fixedMs = g.__cfNow, RealDate = g.Date, RealJSON = g.JSON, stringify = RealJSON.stringify, parse = RealJSON.parse;',
  'var eventJson = g.__cfEventJson; delete g.__cfNow; delete g.__cfEventJson;',
  'function Date() { if (!new.target) return new RealDate(fixedMs).toString();',
  ' return arguments.length === 0 ? new RealDate(fixedMs) : Reflect.construct(RealDate, arguments, new.target); }',
  'Date.prototype = RealDate.prototype; Date.now = function () { return fixedMs; };',
  'Date.parse = RealDate.parse; Date.UTC = RealDate.UTC;',
  "Object.defineProperty(RealDate.prototype, 'constructor', { value: Date, writable: true, configurable: true });",
  "Object.defineProperty(g, 'Date', { value: Date, writable: true, configurable: true });",
  "Object.defineProperty(g, 'require', { value: function require(name) {",
  " throw new Error(\"require('\" + name + \"') is not available in the local CloudFront Functions sandbox\"); },",
  ' writable: true, configurable: true });',
  'function settle(key, value) { try { g.__cfResult = stringify({ [key]: value }); }',
  " catch (e) { g.__cfResult = stringify({ error: 'the returned value cannot be serialised: ' + String(e && e.message) }); } }",
  'function describeError(e) { return String(e && e.message !== undefined ? e.message : e); }',
  "Object.defineProperty(g, '__cfRun', { value: function (handler) {",
  " if (typeof handler !== 'function') { settle('error', 'handler is not a function'); return; }",
  ' try { var result = handler(parse(eventJson));',
  "  if (result !== null && typeof result === 'object' && typeof result.then === 'function') {",
  "   result.then(function (v) { settle('value', v === undefined ? null : v); }, function (e) { settle('error', describeError(e)); });",
  "  } else { settle('value', result === undefined ? null : result); }",
  " } catch (e) { settle('error', describeError(e)); } } });",
  '})(globalThis);',
].join(' ');

/** Runs after the function code; `handler` may be a lexical (let/const) binding, so it is read from this script. */
export const DRIVER = '\n;__cfRun(typeof handler === "function" ? handler : undefined);\n';
