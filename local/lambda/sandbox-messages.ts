import type { InvocationFigures } from './invocation-log.ts';
import { NOT_PLAIN, copyPlainJson } from './json-data.mjs';
import type { InvokeOutcome } from './types.ts';

/* What the sandbox (sandbox.ts) and its worker thread (sandbox-worker.mjs) send each other. */

/** A console line the handler wrote (the worker's patched console). */
export interface WorkerLogLine {
  log: string;
  requestId: string | undefined;
  text: string;
  time: number;
}

/** The worker's runtime is up (its own modules loaded), ready for a first invocation: sent once, before any reply. */
export interface WorkerBooted {
  booted: true;
  log?: undefined;
}

/**
 * A handler's result (the reply of nearly every invocation), posted as a packed array of values rather than an object:
 * structured cloning writes every key of an object as a string and the reader looks each up again, at one reply per
 * message. The positions are fixed: the invocation's id, the result as JSON would carry it (json-data.mjs), then the
 * REPORT figures (InvocationFigures: `initDurationMs` only on a cold start).
 */
export type WorkerResult = [
  id: number,
  result: unknown,
  durationMs: number,
  maxMemoryUsedMb: number,
  initDurationMs: number | undefined,
];

/** Every other reply (init ended, skipped, failed): rare, so kept as a keyed object. */
export interface WorkerReply {
  log?: undefined;
  booted?: undefined;
  /** The handler's module loaded (a cold start's Init phase ended): the invocation's own time starts now. */
  initialized?: true;
  figures?: InvocationFigures;
  id: number;
  ok?: false;
  /** not run: cancelled, or its deadline had passed when its turn came */
  skipped?: boolean;
  fatal?: boolean;
  errorType?: string;
  errorMessage?: string;
  stack?: string[];
}

/**
 * An invocation as posted to the worker (in a batch: an array of these), a packed array for the same reason as
 * WorkerResult. `event` is the event when it is plain JSON data, `eventJson` its JSON text otherwise (eventPayload).
 */
export type PostedInvocation = [
  id: number,
  slot: number,
  deadline: number | undefined,
  awsRequestId: string,
  event: unknown,
  eventJson: string | undefined,
];

export interface Invocation {
  id: number;
  /** its place among the function's in-flight invocations (invocation-slots.ts) */
  slot: number;
  requestId: string;
  /** The event as the handler will get it: plain JSON data posted as is, or JSON text for anything else. */
  payload: { event: unknown } | { eventJson: string };
  /** epoch ms after which it is not started (the caller's integration deadline) */
  deadline: number | undefined;
  signal: AbortSignal | undefined;
  /** the caller went away: its outcome is settled, the worker skips it if it has not started it */
  cancelled: boolean;
  settle(outcome: InvokeOutcome): void;
}

/**
 * Lambda delivers the event as JSON. Plain JSON data (every event the gateway builds) is posted as a copy, which
 * the worker gets without parsing; anything else goes as JSON.stringify's text, with its rules (and its errors).
 */
export function eventPayload(event: unknown): Invocation['payload'] {
  const plain = copyPlainJson(event);
  return plain === NOT_PLAIN ? { eventJson: JSON.stringify(event) ?? 'null' } : { event: plain };
}
