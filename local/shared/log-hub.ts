import { atLeast, type LocalLog, type LogLevel, type LogRecord } from './log.ts';

export type LogListener = (record: LogRecord) => void;

/**
 * The stack's one log: every service writes to `forService(name)`, every reader (the terminal, the outputs of
 * `--log-format json`, the local console's feed) subscribes at the level it shows. A record nobody listens to at
 * its level is not even built: `wants(level)` lets a writer skip an expensive line (an access log line per message).
 */
export interface LogHub {
  forService(service: string): LocalLog;
  /** Calls `listener` with every record at `level` or louder; returns the unsubscribe. */
  subscribe(listener: LogListener, level: LogLevel): () => void;
  wants(level: LogLevel): boolean;
}

export function createLogHub(): LogHub {
  const listeners = new Map<LogListener, LogLevel>();
  let quietest: LogLevel | undefined;
  const recompute = () => {
    quietest = undefined;
    for (const level of listeners.values()) if (quietest === undefined || !atLeast(level, quietest)) quietest = level;
  };
  const wants = (level: LogLevel) => quietest !== undefined && atLeast(level, quietest);
  return {
    forService:
      (service) =>
      (message, level = 'info', fields) => {
        if (!wants(level)) return;
        const record: LogRecord =
          fields === undefined
            ? { time: Date.now(), level, service, message }
            : { time: Date.now(), level, service, message, fields };
        for (const [listener, threshold] of listeners) if (atLeast(level, threshold)) listener(record);
      },
    subscribe(listener, level) {
      listeners.set(listener, level);
      recompute();
      return () => {
        listeners.delete(listener);
        recompute();
      };
    },
    wants,
  };
}
