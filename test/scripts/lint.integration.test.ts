/**
 * The lint step of the one check (scripts/lint.ts, run by scripts/check.ts and `npm run lint`),
 * through the real Biome binary and the repo's biome.jsonc: it fails on a focused or skipped test
 * (by name, `it.only`, or by option, `{ only: true }`) and on unused code, naming the rule and the line,
 * and passes the same file without them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { lintCommand } from '../../scripts/lint.ts';

const dir = mkdtempSync(join(tmpdir(), 'lint-step-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = "import { describe, it, test } from 'node:test';\n";
const CLEAN_BODY = "describe('suite', () => {\n  it('runs', () => {});\n});\ntest('runs too', () => {});\n";

function lint(name: string, source: string) {
  const file = join(dir, name);
  writeFileSync(file, source);
  const run = spawnSync(process.execPath, lintCommand([file]), { encoding: 'utf8' });
  return { status: run.status, output: run.stdout + run.stderr, file };
}

describe('the lint step', () => {
  it('passes a test file with nothing focused, skipped or unused', () => {
    const { status, output } = lint('clean.test.ts', HEADER + CLEAN_BODY);
    assert.equal(status, 0, output);
  });

  it('fails on test.only, it.only and describe.only, naming the rule at each line', () => {
    const source = `${HEADER}test.only('focused', () => {});\ndescribe.only('focused suite', () => {\n  it.only('focused case', () => {});\n});\n`;
    const { status, output, file } = lint('focused.test.ts', source);
    assert.equal(status, 1, output);
    for (const [line, column] of [
      [2, 6],
      [3, 10],
      [4, 6],
    ]) {
      assert.ok(
        output.includes(`${file}:${line}:${column} lint/suspicious/noFocusedTests`),
        `line ${line}:\n${output}`,
      );
    }
  });

  it("fails on node:test's only, skip and todo options, which the built-in rules do not see", () => {
    const source = `${HEADER}test('focused', { only: true }, () => {});\ndescribe('suite', () => {\n  it('skipped', { skip: 'later' }, () => {});\n  it('timed', { timeout: 5 }, () => {});\n});\ntest({ todo: true }, () => {});\n`;
    const { status, output, file } = lint('options.test.ts', source);
    assert.equal(status, 1, output);
    for (const [line, column] of [
      [2, 1],
      [4, 3],
      [7, 1],
    ]) {
      assert.ok(output.includes(`${file}:${line}:${column} plugin`), `line ${line}:\n${output}`);
    }
    assert.equal(output.match(/ plugin /g)?.length, 3, `only those three:\n${output}`);
  });

  it('fails on a skipped test and on an unused import and variable', () => {
    const source = `${HEADER}import { readFileSync } from 'node:fs';\n${CLEAN_BODY}it.skip('skipped', () => {});\nconst leftOver = 1;\n`;
    const { status, output, file } = lint('unused.test.ts', source);
    assert.equal(status, 1, output);
    for (const expected of [
      `${file}:2:8 lint/correctness/noUnusedImports`,
      `${file}:7:4 lint/suspicious/noSkippedTests`,
      `${file}:8:7 lint/correctness/noUnusedVariables`,
    ]) {
      assert.ok(output.includes(expected), `${expected}:\n${output}`);
    }
  });
});
