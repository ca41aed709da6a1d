import { createWriteStream, mkdirSync } from 'node:fs';
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
 */
export function createStageAccessLog(format: string, file: string, logs: LogHub): StageAccessLog {
  const render = compileAccessLogFormat(format);
  mkdirSync(dirname(file), { recursive: true });
  const stream = createWriteStream(file, { flags: 'a' });
  const terminal = logs.forService('access');
  const log = logs.forService('stack');
  stream.on('error', (error) => log(`access log ${file}: ${error.message}`, 'error'));
  // The lines of one event-loop pass go to the file as one stream write: a write per line (one per message) was
  // about a tenth of the gateway thread's time per echo message. Same lines, same order. (A synchronous append per
  // pass was measured too: no clear gain in CPU, and it would stall the event loop on a slow disk.)
  let pending = '';
  let flushQueued = false;
  const flush = (): void => {
    flushQueued = false;
    if (pending === '') return;
    // A closed stream drops writes without an 'error' event: say so rather than lose the lines silently.
    if (stream.writableEnded) log(`access log ${file}: write after end`, 'error');
    else stream.write(pending);
    pending = '';
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
    close: () => {
      flush();
      return new Promise((resolve) => stream.end(resolve));
    },
  };
}
