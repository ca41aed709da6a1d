// The inside of one local Lambda sandbox: a worker thread that loads one bundle once (the
// cold start) and runs its handler for every invocation the parent sends, one at a time, in the order sent.
// Plain JavaScript on purpose: the worker runs with no TypeScript loader (execArgv is
// emptied), so the handler sees a runtime like Lambda's, not the test runner's.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { format as formatConsoleArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { NOT_PLAIN, copyPlainJson } from './json-data.mjs';
import { scopeCommonJsToCodeRoot } from './code-root-scope.mjs';
import { installModuleFallback, layerModuleDirs } from './module-fallback.mjs';
import { reachLocalApi } from './local-api-reach.mjs';

const {
  bundlePath,
  exportName,
  format,
  functionName,
  memorySizeMb,
  invokedFunctionArn,
  timeoutMs,
  cancelFlags,
  layers,
  localApi,
  codeRoot,
} = workerData;
/** Set by the parent (invocation-slots.ts) for an invocation whose caller went away: it must not start. */
const cancelled = new Uint8Array(cancelFlags);
installModuleFallback(layerModuleDirs(layers ?? []), format === 'esm');
if (codeRoot) scopeCommonJsToCodeRoot(codeRoot);
if (localApi) reachLocalApi(localApi);

/** The invocation running, or the last one: what console output belongs to (Lambda's runtime does the same). */
let currentRequestId;
/**
 * As the Lambda Node.js runtime patches console: each call is one log line with its level (log and info are INFO).
 * Posted on the port the replies use, so every line reaches the parent before the invocation's own reply.
 */
const CONSOLE_LEVELS = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };
for (const [method, level] of Object.entries(CONSOLE_LEVELS)) {
  console[method] = (...args) =>
    parentPort.postMessage({
      log: level,
      requestId: currentRequestId,
      text: formatConsoleArgs(...args),
      time: Date.now(),
    });
}
/** The peak of this sandbox's V8 heap, in MB: the memory it is limited to (resourceLimits) and the REPORT line's figure. */
let maxMemoryUsedMb = 0;
const memoryUsedMb = () => {
  maxMemoryUsedMb = Math.max(maxMemoryUsedMb, getHeapStatistics().total_heap_size / 1_048_576);
  return maxMemoryUsedMb;
};

/** @type {Promise<Function> | undefined} */
let handlerPromise;
/** @type {Function | undefined} the handler once its module loaded */
let loadedHandler;

class InitError extends Error {}

async function loadHandler() {
  let moduleExports;
  try {
    moduleExports =
      format === 'esm' ? await import(pathToFileURL(bundlePath).href) : createRequire(bundlePath)(bundlePath);
  } catch (error) {
    // As the Lambda Node.js runtime names init failures: syntax and missing modules get
    // runtime error types; anything the module itself throws keeps its own name.
    const code = error?.code;
    const errorType =
      error instanceof SyntaxError
        ? 'Runtime.UserCodeSyntaxError'
        : code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND'
          ? 'Runtime.ImportModuleError'
          : (error?.name ?? typeof error);
    const missingSdk = /['"](@aws-sdk\/[^'"/]+)/.exec(
      errorType === 'Runtime.ImportModuleError' ? (error?.message ?? '') : '',
    )?.[1];
    const hint =
      missingSdk === undefined
        ? ''
        : ` (the local stack provides only the AWS SDK packages it installs; Lambda provides all of @aws-sdk/*: add ${missingSdk} to the function's own package.json)`;
    const initError = new InitError(`${error?.message ?? String(error)}${hint}`);
    throw Object.assign(initError, { errorType, stack: error?.stack ?? initError.stack });
  }
  const handler = moduleExports?.[exportName];
  if (typeof handler !== 'function') {
    throw Object.assign(new InitError(`${workerData.handler} is undefined or not exported`), {
      errorType: 'Runtime.HandlerNotFound',
    });
  }
  return handler;
}

function lambdaContext(awsRequestId, deadlineMs) {
  return {
    awsRequestId,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn,
    memoryLimitInMB: String(memorySizeMb),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${awsRequestId}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
  };
}

/**
 * As the Lambda Node.js runtime calls a handler: the result is the returned promise's value, or what the
 * callback gets (`callback(error)` fails the invocation), whichever comes first. A handler that returns no
 * promise and takes no callback ends with null, as on Lambda (a plain return value is not the result).
 * An async-style handler's promise is returned as is: the caller awaits it inside its try, which also catches
 * a synchronous throw. What is still pending when the result is sent keeps running in the warm sandbox, as if
 * callbackWaitsForEmptyEventLoop were false (local/FEATURES.md).
 */
function callHandler(handler, event, context) {
  if (handler.length < 3) {
    const returned = handler(event, context);
    return returned && typeof returned.then === 'function' ? returned : null;
  }
  return new Promise((resolve, reject) => {
    const returned = handler(event, context, (error, value) =>
      error !== null && error !== undefined ? reject(error) : resolve(value),
    );
    if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
  });
}

/** The Lambda Node.js runtime's error shape: Error → name/message/stack lines; anything else → its type. */
function describeError(error) {
  if (error instanceof Error) {
    return {
      errorType: error.errorType ?? error.name,
      errorMessage: error.message,
      stack: typeof error.stack === 'string' ? error.stack.split('\n') : [],
    };
  }
  return { errorType: typeof error, errorMessage: String(error), stack: [] };
}

/**
 * Lambda serialises the result as JSON: the caller gets what JSON.parse(JSON.stringify(result)) gives, worked out
 * here, off the gateway's thread. What is posted is plain JSON data, which structured cloning copies exactly.
 */
function asJsonData(result) {
  const copied = copyPlainJson(result);
  if (copied !== NOT_PLAIN) return copied;
  const json = JSON.stringify(result);
  return json === undefined ? null : JSON.parse(json);
}

/** @param {unknown[]} message a PostedInvocation: a packed array of values (sandbox-messages.ts) */
async function runInvocation(message) {
  const [id, slot, deadline, awsRequestId, postedEvent, eventJson] = message;
  // Read here, when its turn comes: the parent may have cancelled it, or its deadline passed, while it waited.
  if (Atomics.load(cancelled, slot) === 1 || (deadline !== undefined && Date.now() > deadline)) {
    parentPort.postMessage({ id, ok: false, skipped: true });
    return;
  }
  currentRequestId = awsRequestId;
  const began = performance.now();
  let initDurationMs;
  let handlerStarted = began;
  // Assigned, not spread from an empty object. A failure's figures; a result carries the same ones by position.
  const figures = () => {
    const measured = { durationMs: performance.now() - handlerStarted, maxMemoryUsedMb: memoryUsedMb() };
    if (initDurationMs !== undefined) measured.initDurationMs = initDurationMs;
    return measured;
  };
  try {
    // Once loaded, the handler is used without awaiting the load again (a microtask per invocation).
    let handler = loadedHandler;
    if (handler === undefined) {
      try {
        handlerPromise ??= loadHandler();
        handler = await handlerPromise;
        loadedHandler = handler;
        parentPort.postMessage({ id, initialized: true }); // the parent starts this invocation's timeout now
      } finally {
        initDurationMs = performance.now() - began; // a cold start: the module's load is the Init Duration
        handlerStarted = performance.now();
      }
    }
    // The parent's timer for this invocation starts when the one before it ended: so does its deadline.
    const deadlineMs = Date.now() + timeoutMs;
    // The parent sends an event that is plain JSON data as is, anything else as JSON text (json-data.mjs).
    const event = eventJson === undefined ? postedEvent : JSON.parse(eventJson);
    const result = await callHandler(handler, event, lambdaContext(awsRequestId, deadlineMs));
    // Sent at once, not batched: a later invocation that ends the runtime (process.exit) must not take it along.
    // A packed array (WorkerResult in sandbox-messages.ts): id, result, then the REPORT figures.
    const json = asJsonData(result);
    parentPort.postMessage([id, json, performance.now() - handlerStarted, memoryUsedMb(), initDurationMs]);
  } catch (error) {
    // An init failure leaves the sandbox unusable: the parent replaces it (fatal).
    parentPort.postMessage({
      id,
      ok: false,
      fatal: error instanceof InitError,
      ...describeError(error),
      figures: figures(),
    });
  }
}

// Invocations arrive in batches while one runs (the parent posts them as they come); each starts when the one
// before ended.
let running = Promise.resolve();
parentPort.on('message', (batch) => {
  for (const message of batch) running = running.then(() => runInvocation(message));
});
// The runtime is up: a sandbox started ahead of its first invocation (sandbox.ts, bootRuntime) knows it can start the next.
parentPort.postMessage({ booted: true });
