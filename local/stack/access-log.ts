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
  return {
    write(values) {
      const line = render(values);
      stream.write(`${line}\n`);
      if (logs.wants('debug')) terminal(line, 'debug');
    },
    close: () => new Promise((resolve) => stream.end(resolve)),
  };
}
