/**
 * Where a local service writes what it has to say: one line at a time, without a trailing newline. The stack
 * hands one log to every service (each line prefixed with the service's name); a service created on its own
 * writes to stderr.
 */
export type LocalLog = (line: string) => void;

/** The default of a service created without a log: its lines on stderr, after its name (the stack's: bare). */
export function stderrLog(service?: string): LocalLog {
  const prefix = service === undefined ? '' : `[${service}] `;
  return (line) => void process.stderr.write(`${prefix}${line}\n`);
}

/** `log` with the service's name in front of every line: how the stack shares its one log. */
export function serviceLog(log: LocalLog, service: string): LocalLog {
  return (line) => log(`${service}: ${line}`);
}
