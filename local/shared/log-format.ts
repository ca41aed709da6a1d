import type { LogRecord } from './log.ts';

/** How the stack writes its records: `text` for people (the default), `json` for machines (`--log-format json`). */
export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** One line per record: the service's name, then the message (the lines the stack always wrote). */
export function formatLogText(record: LogRecord): string {
  return `${record.service}: ${record.message}`;
}

const RESERVED = new Set(['time', 'level', 'service', 'message']);

/**
 * One JSON object per line: `time` (ISO 8601), `level`, `service`, `message`, then the record's fields (a field
 * named like one of those four is left out rather than overwrite it). A message holding a newline stays on one line.
 */
export function formatLogJson(record: LogRecord): string {
  const line: Record<string, unknown> = {
    time: new Date(record.time).toISOString(),
    level: record.level,
    service: record.service,
    message: record.message,
  };
  for (const [key, value] of Object.entries(record.fields ?? {})) if (!RESERVED.has(key)) line[key] = value;
  return JSON.stringify(line);
}

export const LOG_FORMATTERS: Record<LogFormat, (record: LogRecord) => string> = {
  text: formatLogText,
  json: formatLogJson,
};
