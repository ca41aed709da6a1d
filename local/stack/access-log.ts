import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { compileAccessLogFormat } from '../api/access-log-format.ts';
import type { AccessLogValues } from '../api/index.ts';
import type { LogHub } from '../shared/log-hub.ts';

export interface StageAccessLog {
  write(values: AccessLogValues): void;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/**
 * The stage's access log, in the template's own `AccessLogSettings.Format`: appended to `file` (one line per
 * connect, message and disconnect), and at `debug` level to the stack log as service `access`.
 *
 * The lines of one event-loop pass go to the file as one synchronous append. A stream write per line (one per
 * message) was about a tenth of the gateway thread's time per echo message: each asynchronous write wakes a libuv
 * pool thread, which on a busy machine costs more than the write itself. Same lines, same order; a file that
 * cannot be opened or written is reported once, as an error, and the stack goes on without it.
 */
export function createStageAccessLog(format: string, file: string, logs: LogHub): StageAccessLog {
  const render = compileAccessLogFormat(format);
  mkdirSync(dirname(file), { recursive: true });
  const terminal = logs.forService('access');
  const log = logs.forService('stack');
  let failed = false;
  const fail = (error: unknown): void => {
    if (failed) return;
    failed = true;
    log(`access log ${file}: ${error instanceof Error ? error.message : String(error)}`, 'error');
  };
  let fd: number | undefined;
  try {
    fd = openSync(file, 'a');
  } catch (error) {
    fail(error);
  }
  let pending = '';
  let flushQueued = false;
  let closed = false;
  const flush = (): void => {
    flushQueued = false;
    if (pending === '') return;
    const text = Buffer.from(pending, 'utf8');
    pending = '';
    if (closed) {
      fail(new Error('write after end'));
      return;
    }
    if (fd === undefined || failed) return;
    try {
      for (let written = 0; written < text.length; ) written += writeSync(fd, text, written);
    } catch (error) {
      fail(error);
    }
  };
  return {
    write(values) {
      const line = render(values);
      pending += `${line}\n`;
      if (!flushQueued) {
        flushQueued = true;
        setImmediate(flush);
      }
      if (logs.wants('debug')) terminal(line, 'debug');
    },
    close: async () => {
      flush();
      if (closed) return;
      closed = true;
      if (fd !== undefined) closeSync(fd);
    },
  };
}
