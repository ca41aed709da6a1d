/**
 * The compiled CLIs (bin/compiled.mjs running dist/scripts/*.mjs, what `npm run generate` and `npm start` call):
 * the same bytes as the TypeScript sources run by tsx, a config compiled without tsx (its errors named by file and
 * line), and a rebuild whenever a source they were made of changed. The rebuild is tried on a copy of the
 * project's sources, so these tests never touch the working tree's dist/.
 */
import assert from 'node:assert/strict';
import { isAscii } from 'node:buffer';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import { packageRoot } from '../../shared/package-file.ts';

const ROOT = packageRoot(import.meta.url);
const SOURCES = [
  'bin',
  'shared',
  'scripts',
  'generator',
  'cfn',
  'lang',
  'handlers',
  'templates',
  'checks',
  'local',
  'smoke',
  'examples',
  'deploy',
  'package.json',
  'package-lock.json',
  'ws.config.ts',
];

/** A copy of the project's sources (node_modules linked, no dist/), as a fresh clone before `npm ci` builds. */
function copyProject(): string {
  const folder = mkdtempSync(join(tmpdir(), 'compiled-cli-'));
  for (const entry of SOURCES)
    cpSync(join(ROOT, entry), join(folder, entry), {
      recursive: true,
      filter: (from) => !/[\\/](\.local|node_modules|dist)([\\/]|$)/.test(from.slice(ROOT.length)),
    });
  symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'));
  return folder;
}

const compiled = (cwd: string, args: string[]) =>
  execa(process.execPath, [join(cwd, 'bin', 'compiled.mjs'), ...args], { cwd, reject: false });
const viaTsx = (cwd: string, script: string, args: string[]) =>
  execa(process.execPath, ['--import', 'tsx', join(cwd, 'scripts', script), ...args], { cwd, reject: false });

describe('compiled CLIs', () => {
  let project: string;
  before(() => {
    project = copyProject();
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  it('build themselves on first use, then run without rebuilding, and rebuild when a source changes', async () => {
    const first = await compiled(project, ['generate', '--help']);
    assert.equal(first.exitCode, 0, first.stderr);
    assert.match(first.stderr, /sources changed: dist\/ rebuilt/);
    assert.match(first.stdout, /^usage: npm run generate/);
    const second = await compiled(project, ['generate', '--help']);
    assert.equal(second.stderr, '', 'a fresh dist/ is not rebuilt');
    assert.equal(second.stdout, first.stdout);
    const cli = join(project, 'scripts', 'generate.ts');
    writeFileSync(
      cli,
      readFileSync(cli, 'utf8').replace(
        "'usage: npm run generate -- [--check] [CONFIG_FILE ...]'",
        "'usage: npm run generate -- [--check] [CONFIG_FILE ...] (edited)'",
      ),
    );
    const edited = await compiled(project, ['generate', '--help']);
    assert.match(edited.stderr, /sources changed: dist\/ rebuilt/);
    assert.match(edited.stdout, /^usage: npm run generate -- \[--check\] \[CONFIG_FILE \.\.\.\] \(edited\)$/m);
    const source = readFileSync(cli, 'utf8');
    writeFileSync(cli, `${source}\nconst broken = ;\n`);
    const broken = await compiled(project, ['generate', '--help']);
    assert.equal(broken.exitCode, 1);
    assert.match(broken.stderr, /^bin\/compiled\.mjs: the sources do not compile, so generate cannot run:\n/);
    assert.match(broken.stderr, /scripts\/generate\.ts:\d+:\d+: ERROR: Unexpected ";"/);
    writeFileSync(cli, source);
  });

  it("a command checks only its own bundle's sources: an edit to a start-only source leaves generate fresh", async () => {
    const ready = await compiled(project, ['generate', '--help']);
    assert.equal(ready.exitCode, 0, ready.stderr);
    const build = (await import(pathToFileURL(join(project, 'bin', 'build-dist.mjs')).href)) as {
      distIsFresh(command?: string): boolean;
    };
    const { commands } = JSON.parse(readFileSync(join(project, 'dist', 'manifest.json'), 'utf8')) as {
      commands: Record<string, string[]>;
    };
    const startOnly = commands['start']!.find((file) => !commands['generate']!.includes(file));
    assert.ok(startOnly, 'a source only the start bundle is made of');
    assert.deepEqual(
      [build.distIsFresh('generate'), build.distIsFresh('start'), build.distIsFresh()],
      [true, true, true],
    );
    const file = join(project, startOnly);
    const source = readFileSync(file, 'utf8');
    writeFileSync(file, `${source}\n// edited\n`);
    assert.deepEqual(
      [build.distIsFresh('generate'), build.distIsFresh('start'), build.distIsFresh()],
      [true, false, false],
      startOnly,
    );
    writeFileSync(file, source);
  });

  it('generate: writes byte for byte what the TypeScript sources write, for every config', async () => {
    const tsx = await viaTsx(project, 'generate.ts', []);
    assert.equal(tsx.exitCode, 0, tsx.stderr);
    const files = [
      'template.yaml',
      'deploy/bootstrap.yaml',
      ...['charge-points', 'minimal', 'ocpp', 'workflows'].map((name) => `examples/${name}/template.yaml`),
    ];
    const written = new Map(files.map((file) => [file, readFileSync(join(project, file))]));
    for (const file of files) writeFileSync(join(project, file), 'stale\n');
    const run = await compiled(project, ['generate']);
    assert.equal(run.exitCode, 0, run.stderr);
    for (const file of files)
      assert.ok(
        readFileSync(join(project, file)).equals(written.get(file)!),
        `${file} differs between the compiled and the tsx generate`,
      );
    const check = await compiled(project, ['generate', '--check']);
    assert.equal(check.exitCode, 0, check.stderr);
    assert.equal(check.stdout, tsx.stdout.replaceAll(': written', ': up to date'));
  });

  it("runs from V8's code cache (a config's import() included); a damaged cache file is ignored and replaced", async () => {
    const first = await compiled(project, ['generate', '--check']);
    assert.equal(first.exitCode, 0, first.stderr);
    const cacheDir = join(project, 'dist', 'code-cache');
    const caches = readdirSync(cacheDir).filter((name) => name.startsWith('generate.cjs.'));
    assert.equal(caches.length, 1, `one code cache for this build of generate (have: ${caches.join(', ')})`);
    const cacheFile = join(cacheDir, caches[0]!);
    const cacheBytes = readFileSync(cacheFile);
    const fromCache = await compiled(project, ['generate', '--check']);
    assert.deepEqual([fromCache.exitCode, fromCache.stdout, fromCache.stderr], [0, first.stdout, '']);
    // V8 accepted it: a rejected cache is written again at exit (a bundle read as other text than it was made from).
    assert.ok(readFileSync(cacheFile).equals(cacheBytes), 'the code cache was used as it was, not made again');
    // A run under other V8 flags keeps its own cache: V8 would reject this one, and rewriting it would make the next
    // plain run reject and rewrite it again.
    const withFlags = await execa(process.execPath, [join(project, 'bin', 'compiled.mjs'), 'generate', '--check'], {
      cwd: project,
      reject: false,
      env: { NODE_OPTIONS: '--max-old-space-size=512' },
    });
    assert.deepEqual([withFlags.exitCode, withFlags.stdout], [0, first.stdout], withFlags.stderr);
    assert.ok(readFileSync(cacheFile).equals(cacheBytes), "the plain run's code cache is left as it was");
    const withFlagsCaches = readdirSync(cacheDir).filter(
      (name) => name.startsWith('generate.cjs.') && name !== caches[0],
    );
    assert.equal(
      withFlagsCaches.length,
      1,
      `one more code cache, named by the flags (have: ${withFlagsCaches.join(', ')})`,
    );
    assert.match(withFlagsCaches[0]!, /\.flags-[0-9a-f]{8}\.bin$/);
    // ASCII only (comments included), so the launcher reads each bundle as one-byte text (bin/code-cache.mjs).
    for (const bundle of readdirSync(join(project, 'dist', 'scripts')))
      assert.ok(isAscii(readFileSync(join(project, 'dist', 'scripts', bundle))), `dist/scripts/${bundle} is ASCII`);
    writeFileSync(cacheFile, 'not a code cache\n');
    const damaged = await compiled(project, ['generate', '--check']);
    assert.deepEqual([damaged.exitCode, damaged.stdout, damaged.stderr], [0, first.stdout, '']);
    assert.notEqual(readFileSync(cacheFile, 'utf8'), 'not a code cache\n', 'the damaged cache was written again');
  });

  it('generate: a config that does not compile is refused naming its file, line and column', async () => {
    const config = join(project, 'examples', 'broken', 'ws.config.ts');
    cpSync(join(project, 'examples', 'minimal'), join(project, 'examples', 'broken'), { recursive: true });
    writeFileSync(
      config,
      "import { defineConfig } from '../../generator/config/index.ts';\nexport default defineConfig({ stage: { name: 'x' } ;\n",
    );
    const run = await compiled(project, ['generate', config]);
    assert.equal(run.exitCode, 2);
    assert.match(
      run.stderr,
      /\(file\): does not compile: Expected "}" but found ";" \(got "examples\/broken\/ws\.config\.ts:2:52"\)/,
    );
    writeFileSync(
      config,
      "import { defineConfig } from '../../generator/config/index.ts';\nimport { missing } from './no-such-file.ts';\nexport default defineConfig(missing);\n",
    );
    const unresolved = await compiled(project, ['generate', config]);
    assert.equal(unresolved.exitCode, 2);
    assert.match(
      unresolved.stderr,
      /\(file\): does not compile: Could not resolve "\.\/no-such-file\.ts" \(got "examples\/broken\/ws\.config\.ts:2:25"\)/,
    );
    rmSync(join(project, 'examples', 'broken'), { recursive: true });
  });

  it('generate: a partial edited after a build rebuilds dist/ and is rendered as edited (not its precompiled form)', async () => {
    const partial = join(project, 'templates', 'vtl', 'disconnect.vtl.hbs');
    const original = readFileSync(partial, 'utf8');
    writeFileSync(partial, original.replace('## $disconnect: DeleteItem', '## $disconnect (edited): DeleteItem'));
    const check = await compiled(project, ['generate', '--check']);
    assert.equal(check.exitCode, 1, check.stdout);
    assert.match(check.stderr, /sources changed: dist\/ rebuilt/);
    assert.match(check.stderr, /^template\.yaml: stale; run `npm run generate`$/m);
    const written = await compiled(project, ['generate']);
    assert.equal(written.exitCode, 0, written.stderr);
    assert.match(readFileSync(join(project, 'template.yaml'), 'utf8'), /^ +## \$disconnect \(edited\): DeleteItem/m);
    writeFileSync(partial, original);
    const restored = await compiled(project, ['generate']);
    assert.equal(restored.exitCode, 0, restored.stderr);
    const again = await compiled(project, ['generate', '--check']);
    assert.equal(again.exitCode, 0, again.stderr);
  });

  it('generate --check exits as soon as it is done, its output whole even to a pipe read only after it exited', async () => {
    const files = [
      'template.yaml',
      ...['minimal', 'ocpp', 'workflows'].map((name) => `examples/${name}/template.yaml`),
    ];
    const kept = new Map(files.map((file) => [file, readFileSync(join(project, file))]));
    try {
      for (const file of files) writeFileSync(join(project, file), 'stale\n');
      // The reader starts half a second late (the child has exited by then): what it wrote must already be in the pipe.
      const run = await execa(
        'bash',
        ['-c', `set -o pipefail; "${process.execPath}" bin/compiled.mjs generate --check 2>&1 | (sleep 0.5; cat)`],
        { cwd: project, reject: false },
      );
      const { exitCode, stdout } = run;
      assert.equal(exitCode, 1, stdout);
      for (const file of files) assert.match(stdout, new RegExp(`^${file.replaceAll('.', '\\.')}: stale; run`, 'm'));
      assert.match(stdout, /^deploy\/bootstrap\.yaml: up to date$/m);
    } finally {
      for (const [file, bytes] of kept) writeFileSync(join(project, file), bytes);
    }
  });

  it('generate: a config edited after a run is compiled again (its cached compilation is not reused)', async () => {
    const config = join(project, 'examples', 'minimal', 'ws.config.ts');
    const original = readFileSync(config, 'utf8');
    writeFileSync(config, original.replace("stage: { name: 'prod' }", "stage: { name: 'staging' }"));
    const run = await compiled(project, ['generate', config]);
    assert.equal(run.exitCode, 0, run.stderr);
    assert.match(
      readFileSync(join(project, 'examples', 'minimal', 'template.yaml'), 'utf8'),
      /^ {4}Default: staging$/m,
    );
    writeFileSync(config, original);
  });
});
