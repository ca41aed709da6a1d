/**
 * The one check, behind `npm test` (the README's test command), `npm run check`, `.ci/run` and the
 * CI workflow alike. Steps, in order, stopping at the first failure:
 *   1. generated templates are fresh (`npm run generate -- --check`, the compiled CLI), before minutes of tests;
 *   2. lint (scripts/lint.ts: Biome with biome.jsonc; unused code, focused or skipped tests);
 *   3. typecheck of code and tests (`tsc --noEmit`, including the `*.typecheck.ts` type tests);
 *   4. every test (scripts/run-tests.ts): the unit tests, then the integration tests (template
 *      checks with cfn-lint, local stack, smoke suite against it, CLIs).
 * `npm test -- <substring>...` runs only the test files whose path contains one, after the
 * lint and the typecheck (the golden-template tests still catch stale templates when they match).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { lintCommand } from './lint.ts';

interface Step {
  name: string;
  args: string[];
}

const filter = process.argv.slice(2);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const steps: Step[] = [
  ...(filter.length === 0
    ? [{ name: 'generated templates are fresh', args: ['bin/compiled.mjs', 'generate', '--check'] }]
    : []),
  { name: 'lint', args: lintCommand() },
  { name: 'typecheck', args: [tsc, '--noEmit', '-p', '.'] },
  {
    name: filter.length === 0 ? 'tests' : `tests matching ${filter.join(', ')}`,
    args: ['--import', 'tsx', 'scripts/run-tests.ts', ...filter],
  },
];

const timings: string[] = [];
for (const step of steps) {
  console.log(`\n== check: ${step.name}`);
  const started = performance.now();
  const result = spawnSync(process.execPath, step.args, { stdio: 'inherit' });
  timings.push(`${step.name} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    console.error(
      `\n== check FAILED at: ${step.name} (${result.error?.message ?? (result.signal ? `signal ${result.signal}` : `exit ${String(result.status)}`)})`,
    );
    process.exit(result.status || 1);
  }
}
console.log(`\n== check passed: ${timings.join('; ')}`);
