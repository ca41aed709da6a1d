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

/** From the Lambda runtimes page: identifiers past their deprecation date (still invocable on AWS). */
const DEPRECATED = new Set([
  'nodejs', 'nodejs4.3', 'nodejs4.3-edge', 'nodejs6.10', 'nodejs8.10', 'nodejs10.x', 'nodejs12.x', 'nodejs14.x', 'nodejs16.x', 'nodejs18.x',
  'python2.7', 'python3.6', 'python3.7', 'python3.8', 'python3.9',
]);
const CURRENT = new Set(['nodejs20.x', 'nodejs22.x', 'nodejs24.x', 'python3.10', 'python3.11', 'python3.12', 'python3.13', 'python3.14']);

export function runtimeSupport(runtime: string | undefined): RuntimeSupport {
  if (runtime === undefined) return { kind: 'not-run', reason: 'it has no Runtime (a container image, or a property missing)' };
  const family: RuntimeFamily | undefined = runtime.startsWith('nodejs') ? 'nodejs' : runtime.startsWith('python') ? 'python' : undefined;
  if (family !== undefined && (CURRENT.has(runtime) || DEPRECATED.has(runtime))) {
    if (runtime === 'python2.7') return { kind: 'not-run', reason: 'python2.7 needs Python 2, which the local stack does not run' };
    return { kind: 'runs', family, deprecated: DEPRECATED.has(runtime) };
  }
  return { kind: 'not-run', reason: `its runtime ${runtime} is not run locally (Node.js and Python runtimes are)` };
}
