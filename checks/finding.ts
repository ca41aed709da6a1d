/**
 * One problem found in a template, by our own checks or by cfn-lint.
 * `path` is a template path such as `Resources.ConnectRoute.Properties.Target`
 * (array items as `Policies[0]`), so a reader can find the spot without line numbers.
 */
export interface Finding {
  /** The rule that fired, e.g. `spec/unknown-property`, `iam/action-wildcard`, `cfn-lint:E3003`. */
  check: string;
  level: 'error' | 'warning';
  path: string;
  message: string;
}

/** Extend a template path by one key; numeric keys render as `[n]` like a JS accessor. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** One line per finding: `source: level check path: message`. Empty string for no findings. */
export function formatFindings(findings: readonly Finding[], source: string): string {
  return findings.map((f) => `${source}: ${f.level} ${f.check} ${f.path}: ${f.message}`).join('\n');
}

/** True when any finding must fail the run (warnings are reported but do not fail). */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.level === 'error');
}
