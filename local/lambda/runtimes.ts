/**
 * Lambda runtime identifiers the local stack runs, and how. Node.js runtimes run in worker threads of this
 * process (on this machine's Node.js, whatever version the identifier names); Python runtimes run in a
 * `python3` process per function. Deprecated identifiers still run (AWS keeps deployed functions running
 * too) with a warning. Every other runtime (Java, .NET, Ruby, Go, custom `provided.*`) is not run.
 */
/** The runtime of a function spec that names none (the project's own functions). */
export const DEFAULT_RUNTIME = 'nodejs22.x';

export type RuntimeFamily = 'nodejs' | 'python';

export type RuntimeSupport =
  | { kind: 'runs'; family: RuntimeFamily; deprecated: boolean }
  | { kind: 'not-run'; reason: string };

/**
 * Deprecation dates from the Lambda runtimes page ("Supported runtimes" and "Deprecated runtimes"): an identifier
 * is deprecated from its date on, so the warning follows the calendar without an edit here. Past ones are given
 * as 1970. UNCONFIRMED (the page's table was not at hand; other AWS tables say 2026-06-30): python3.10, python3.11.
 */
const DEPRECATION: Record<string, string> = {
  nodejs: '1970-01-01',
  'nodejs4.3': '1970-01-01',
  'nodejs4.3-edge': '1970-01-01',
  'nodejs6.10': '1970-01-01',
  'nodejs8.10': '1970-01-01',
  'nodejs10.x': '1970-01-01',
  'nodejs12.x': '1970-01-01',
  'nodejs14.x': '1970-01-01',
  'nodejs16.x': '1970-01-01',
  'nodejs18.x': '2025-09-01',
  'nodejs20.x': '2026-04-30',
  'nodejs22.x': '2027-04-30',
  'nodejs24.x': '2028-04-30',
  'python3.6': '1970-01-01',
  'python3.7': '1970-01-01',
  'python3.8': '1970-01-01',
  'python3.9': '2025-12-15',
  'python3.10': '2026-10-31',
  'python3.11': '2027-06-30',
  'python3.12': '2028-10-31',
  'python3.13': '2029-06-30',
  'python3.14': '2029-06-30',
};

export function runtimeSupport(runtime: string | undefined, today: Date = new Date()): RuntimeSupport {
  if (runtime === undefined)
    return { kind: 'not-run', reason: 'it has no Runtime (a container image, or a property missing)' };
  if (runtime === 'python2.7')
    return { kind: 'not-run', reason: 'python2.7 needs Python 2, which the local stack does not run' };
  const family: RuntimeFamily | undefined = runtime.startsWith('nodejs')
    ? 'nodejs'
    : runtime.startsWith('python')
      ? 'python'
      : undefined;
  const deprecation = Object.hasOwn(DEPRECATION, runtime) ? DEPRECATION[runtime] : undefined;
  if (family === undefined || deprecation === undefined) {
    return { kind: 'not-run', reason: `its runtime ${runtime} is not run locally (Node.js and Python runtimes are)` };
  }
  return { kind: 'runs', family, deprecated: today.getTime() >= Date.parse(`${deprecation}T00:00:00Z`) };
}
