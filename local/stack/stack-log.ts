import { LOG_FORMATTERS, LOG_FORMATS, type LogFormat } from '../shared/log-format.ts';
import { createLogHub, type LogHub } from '../shared/log-hub.ts';
import { isLogLevel, type LocalLog, type LogLevel } from '../shared/log.ts';
import type { OptionProblems } from '../shared/options.ts';

export interface StackLogOptions {
  /** Gets each record at `logLevel` or louder, formatted as `logFormat`. @default stderr */
  log?: LocalLog;
  /** @default 'info' */
  logLevel?: LogLevel;
  /** @default 'text' */
  logFormat?: LogFormat;
}

export function stackLogProblems(options: StackLogOptions, problems: OptionProblems): void {
  if (options.logLevel !== undefined && !isLogLevel(options.logLevel))
    problems.add('logLevel', options.logLevel, "must be 'debug', 'info', 'warn' or 'error'");
  if (options.logFormat !== undefined && !(LOG_FORMATS as readonly string[]).includes(options.logFormat))
    problems.add('logFormat', options.logFormat, "must be 'text' or 'json'");
  if (options.log !== undefined && typeof options.log !== 'function')
    problems.add('log', options.log, 'must be a function (line, level, fields) => void');
}

/** The stack's log: every service writes to the hub; the caller's `log` (or stderr) reads it at its level and format. */
export function createStackLog(options: StackLogOptions): LogHub {
  const hub = createLogHub();
  const write: LocalLog = options.log ?? ((line) => void process.stderr.write(`${line}\n`));
  const format = LOG_FORMATTERS[options.logFormat ?? 'text'];
  hub.subscribe((record) => write(format(record), record.level, record.fields), options.logLevel ?? 'info');
  return hub;
}
