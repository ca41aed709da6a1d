/**
 * Where a local service writes what it has to say: one message at a time, without a trailing newline, with a level
 * (info when none is given) and optional fields a machine can read (`--log-format json`). The stack hands each
 * service a log that stamps the service's name on every record (log-hub.ts); a service created on its own writes
 * to stderr.
 */
export type LocalLog = (message: string, level?: LogLevel, fields?: LogFields) => void;

/** Closed set, least to most severe: `--verbose` shows debug, the default info, `--quiet` warn and error. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Values a machine reads from a record (`requestId`, `executionArn`, ...); JSON-safe. */
export type LogFields = Readonly<Record<string, string | number | boolean | null>>;

/** One structured log record, as the formatters (log-format.ts) and the local console read it. */
export interface LogRecord {
  /** Epoch milliseconds. */
  time: number;
  level: LogLevel;
  /** The service that wrote it: `api`, `stepfunctions`, `access`, ... */
  service: string;
  message: string;
  fields?: LogFields;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** Whether a record at `level` passes a threshold of `threshold`. */
export const atLeast = (level: LogLevel, threshold: LogLevel): boolean => RANK[level] >= RANK[threshold];

export const isLogLevel = (value: unknown): value is LogLevel =>
  typeof value === 'string' && Object.hasOwn(RANK, value);

/** The default of a service created without a log: its info and louder messages on stderr, after its name. */
export function stderrLog(service?: string): LocalLog {
  const prefix = service === undefined ? '' : `[${service}] `;
  return (message, level = 'info') => {
    if (atLeast(level, 'info')) process.stderr.write(`${prefix}${message}\n`);
  };
}
