import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../../generator/config/index.ts';
import { loadConfigFile } from '../../generator/config/load.ts';

describe('npm run generate on a bad config', () => {
  it('reports a missing handler file and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-config-'));
    const file = join(dir, 'ws.config.ts');
    writeFileSync(
      file,
      `export default { routes: { $default: { integration: 'lambda', handler: 'handlers/missing.ts' } }, edge: { enabled: false }, sessions: { store: { path: false } } };\n`,
    );
    await assert.rejects(loadConfigFile(file), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(error.problems, [
        'routes.$default.handler: file does not exist relative to the config (got "handlers/missing.ts")',
      ]);
      return true;
    });
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate.ts', file], { encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /routes\.\$default\.handler: file does not exist relative to the config/);
    assert.equal(existsSync(join(dir, 'template.yaml')), false);
  });

  it('an index source name with a quote: exit 2 and the problem, not a stack trace from the VTL writer', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-config-'));
    const file = join(dir, 'ws.config.ts');
    writeFileSync(
      file,
      `export default { routes: {}, edge: { enabled: false }, sessions: { store: { path: false }, indexes: [{ name: 'ByX', attribute: 'x', source: { from: 'header', name: 'x"y' } }] } };\n`,
    );
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate.ts', file], { encoding: 'utf8' });
    assert.equal(run.status, 2);
    assert.equal(
      run.stderr,
      `${relative(process.cwd(), file)}: 1 problem\n  - sessions.indexes.0.source.name: must be an HTTP header name: 1-64 letters, digits and - (got "x\\"y")\n`,
    );
  });
});
