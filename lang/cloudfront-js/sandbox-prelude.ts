/**
 * JavaScript evaluated inside the function's vm context. The context is built and hardened once per
 * compiled function (SETUP), the function code becomes a factory whose every call re-runs the code's top
 * level in a fresh function scope (wrapFunctionCode), and each request runs RUN_SCRIPT under the budget.
 */

/** The hand-over object between the host and the context; only the host and SETUP's closures hold it. */
export interface SandboxChannel {
  now: number;
  /** Wall-clock budget of this run, checked by the inserted budget checks (budget-checks.ts). */
  budgetMs: number;
  /** Set by a budget check that found the budget spent; every later check throws until the context is rebuilt. */
  overrun: boolean;
  eventJson: string;
  /** `{"value":…}` or `{"error":"…"}` once the handler settled; undefined until then. */
  result: string | undefined;
}

/**
 * The budget is wall-clock (a thread's own CPU time is not readable from JavaScript on Node 20), so a pause of the
 * whole thread between two checks (a garbage collection, or the scheduler of a busy machine running other work) would
 * count against the function. A gap longer than PAUSE_MS between two checks (16 ticks apart: a runaway loop checks
 * every few microseconds) is taken as such a pause and added to the deadline while the pauses forgiven in the run
 * stay under PAUSE_ALLOWANCE budgets, so runaway code still stops: after its budget, the allowance and one gap. A
 * long native call between two checks counts as a pause too; the vm watchdog bounds the one kind that can be
 * unbounded (a backtracking regular expression, sandbox-context.ts).
 */
const PAUSE_MS = 20;
export const PAUSE_ALLOWANCE = 3;

/**
 * The source that evaluates to `function install(factory) → channel`; `tick` names the budget check global.
 * Freezes `Date` at the request's start (CloudFront does), replaces `require` with a clear error (`crypto`/`querystring` are not emulated), then hardens the realm so no
 * request can leave state for the next: every intrinsic reachable from the global object is frozen, writes to
 * an inherited frozen property become own properties (as in unfrozen JavaScript), and existing globals become
 * read-only. A vm global cannot be made non-extensible, so CLEAN_SCRIPT deletes the globals a run added.
 */
export const setupSource = (tick: string): string => `(function () {
'use strict';
var g = globalThis, RealDate = g.Date, realNow = RealDate.now, stringify = g.JSON.stringify, parse = g.JSON.parse;
var construct = Reflect.construct, defineProperty = Object.defineProperty, freeze = Object.freeze;
var getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor, getPrototypeOf = Object.getPrototypeOf, ownKeys = Reflect.ownKeys;
var channel = { now: 0, budgetMs: 0, overrun: false, eventJson: 'null', result: undefined }, factory, token = 0, running = false;
var deadline = 0, ticks = 0, lastCheck = 0, forgiven = 0, RangeErrorCtor = g.RangeError;
function tick() {
  if (channel.overrun) throw new RangeErrorCtor('CPU budget exceeded');
  if ((++ticks & 15) !== 0) return;
  var t = realNow(), gap = t - lastCheck; lastCheck = t;
  if (gap > ${PAUSE_MS} && forgiven < channel.budgetMs * ${PAUSE_ALLOWANCE}) { deadline += gap; forgiven += gap; }
  if (t > deadline) { channel.overrun = true; throw new RangeErrorCtor('CPU budget exceeded'); } }
defineProperty(g, ${JSON.stringify(tick)}, { value: tick, writable: false, enumerable: false, configurable: false });
function Date() { if (!new.target) return new RealDate(channel.now).toString();
  return arguments.length === 0 ? new RealDate(channel.now) : construct(RealDate, arguments, new.target); }
Date.prototype = RealDate.prototype; Date.now = function now() { return channel.now; };
Date.parse = RealDate.parse; Date.UTC = RealDate.UTC;
defineProperty(RealDate.prototype, 'constructor', { value: Date, writable: true, configurable: true });
defineProperty(g, 'Date', { value: Date, writable: true, configurable: true });
defineProperty(g, 'require', { value: function require(name) {
  throw new Error("require('" + name + "') is not available in the local CloudFront Functions sandbox"); },
  writable: true, configurable: true });
function settle(own, key, value) {
  if (own !== token) return;
  try { channel.result = stringify({ [key]: value }); }
  catch (e) { channel.result = stringify({ error: 'the returned value cannot be serialised: ' + String(e && e.message) }); } }
function describeError(e) { return String(e && e.message !== undefined ? e.message : e); }
function run() {
  if (running) throw new Error('the sandbox driver is not reentrant');
  running = true; var own = ++token;
  lastCheck = realNow(); deadline = lastCheck + channel.budgetMs; ticks = 0; forgiven = 0;
  try {
    var handler = factory.call(g);
    if (typeof handler !== 'function') { settle(own, 'error', 'handler is not a function'); return; }
    var result = handler(parse(channel.eventJson));
    if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
      result.then(function (v) { settle(own, 'value', v === undefined ? null : v); }, function (e) { settle(own, 'error', describeError(e)); });
    } else { settle(own, 'value', result === undefined ? null : result); }
  } catch (e) { settle(own, 'error', describeError(e)); } finally { running = false; } }
defineProperty(g, '__cfRun', { value: run, writable: false, enumerable: false, configurable: false });
var reached = new Set(), prototypes = new Set();
function reach(o) {
  if (o === null || (typeof o !== 'object' && typeof o !== 'function') || o === g || o === channel || reached.has(o)) return;
  reached.add(o);
  if (typeof o === 'function') { var p = getOwnPropertyDescriptor(o, 'prototype'); if (p && 'value' in p && p.value !== null && typeof p.value === 'object') prototypes.add(p.value); }
  var keys = ownKeys(o);
  for (var i = 0; i < keys.length; i++) { var d = getOwnPropertyDescriptor(o, keys[i]); if ('value' in d) reach(d.value); else { reach(d.get); reach(d.set); } }
  reach(getPrototypeOf(o)); }
var typedArrayPrototype = getPrototypeOf(g.Int8Array.prototype);
var guarded = new Map([[g.Array.prototype, ['constructor']], [g.Promise.prototype, ['constructor', 'then']],
  [g.RegExp.prototype, ['constructor']], [typedArrayPrototype, ['constructor']]]);
function isGuarded(proto, key) {
  if (key === g.Symbol.iterator || key === g.Symbol.asyncIterator) return true;
  if (key === 'constructor' && getPrototypeOf(proto) === typedArrayPrototype) return true;
  return guarded.has(proto) && guarded.get(proto).indexOf(key) !== -1; }
function tame(proto) {
  var keys = ownKeys(proto);
  for (var i = 0; i < keys.length; i++) (function (key) {
    var d = getOwnPropertyDescriptor(proto, key);
    if (!('value' in d) || !d.writable || !d.configurable || isGuarded(proto, key)) return;
    var value = d.value;
    defineProperty(proto, key, { enumerable: d.enumerable, configurable: false,
      get: function () { return value; },
      set: function (v) { if (this === proto) throw new TypeError('Cannot assign to read only property ' + String(key));
        defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true }); } });
  })(keys[i]); }
var globals = ownKeys(g);
for (var i = 0; i < globals.length; i++) { var d = getOwnPropertyDescriptor(g, globals[i]); if ('value' in d) reach(d.value); else { reach(d.get); reach(d.set); } }
reach(g.__proto__);
prototypes.forEach(tame);
reached.forEach(function (o) { freeze(o); });
reached = prototypes = guarded = typedArrayPrototype = undefined;
for (var j = 0; j < globals.length; j++) { var gd = getOwnPropertyDescriptor(g, globals[j]);
  if ('value' in gd) defineProperty(g, globals[j], { value: gd.value, writable: false, enumerable: gd.enumerable, configurable: false }); }
var baseline = new Set(ownKeys(g));
defineProperty(g, '__cfClean', { value: function clean() {
  var keys = ownKeys(g), clean = true;
  for (var k = 0; k < keys.length; k++) {
    if (baseline.has(keys[k])) continue;
    try { delete g[keys[k]]; } catch (e) { clean = false; }
    if (getOwnPropertyDescriptor(g, keys[k]) !== undefined) clean = false; }
  return clean; }, writable: false, enumerable: false, configurable: false });
baseline.add('__cfClean');
return function install(userFactory) { factory = userFactory; return channel; };
})()`;

/**
 * The function code as a factory: each call runs the code's top level again in a new function scope, so its
 * top-level `var`/`let`/`function` bindings start fresh on every request. Strict, as the whole script was
 * before; the header stays on the code's first line so error line numbers match the source.
 */
export function wrapFunctionCode(code: string): string {
  return `(function () { 'use strict'; ${code}\n;return typeof handler === "function" ? handler : undefined; })`;
}

/** Runs one request; its input and output travel through the channel. */
export const RUN_SCRIPT = '__cfRun()';

/** Deletes the globals the last run added; false when one could not be deleted (the context must be rebuilt). */
export const CLEAN_SCRIPT = "'use strict'; __cfClean()";
