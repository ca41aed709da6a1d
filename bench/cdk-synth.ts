/**
 * `cdk synth` of the same stack written as an AWS CDK app (bench/cdk/app.js) against `npm run generate` as a whole
 * process (the compiled CLI, every template), alternating, as the ratio of each pair. The CDK app has its own
 * package.json and lockfile: it is installed (`npm ci`, into bench/cdk/node_modules) only when this bench runs, and
 * a machine that cannot install it gets a visible SKIPPED row. Synth is offline: no credentials, no environment, no
 * lookups; the version check, notices and telemetry are off, and every HTTP(S) request goes to a closed loopback
 * port, so nothing can reach AWS even by mistake.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchSection } from './figures.ts';
import { median } from './local-stack/report.ts';

const CDK_DIR = fileURLToPath(new URL('./cdk/', import.meta.url));
const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = 3;
const TARGET_RATIO = 20;
const INSTALL_TIMEOUT_MS = 15 * 60_000;
/** template.yaml has 40 resources; a synth that made far fewer did not build the stack. */
const MIN_RESOURCES = 35;
const CLOSED_LOOPBACK_PORT = 'http://127.0.0.1:9';

function pinnedVersionsInstalled(): boolean {
  const wanted = (JSON.parse(readFileSync(join(CDK_DIR, 'package.json'), 'utf8')) as { dependencies: object })
    .dependencies as Record<string, string>;
  return Object.entries(wanted).every(([name, version]) => {
    const file = join(CDK_DIR, 'node_modules', name, 'package.json');
    return existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version === version;
  });
}

/** undefined when installed; otherwise why not. */
function install(): string | undefined {
  if (pinnedVersionsInstalled()) return undefined;
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: CDK_DIR,
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
  });
  if (result.status === 0 && pinnedVersionsInstalled()) return undefined;
  const output = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim().split('\n').slice(-3).join(' / ');
  return `npm ci in bench/cdk failed (${result.error?.message ?? `exit ${result.status}`}): ${output}`;
}

/**
 * The environment of `cdk synth`: the caller's, without anything that names AWS credentials, a profile, a default
 * account or region, or a proxy (any case); every HTTP(S) request is sent to a closed loopback port instead.
 */
export function offlineEnvironment(callers: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(callers).filter(([name]) => !/^AWS_|^CDK_DEFAULT_|_PROXY$/i.test(name)),
  );
  const nowhere = join(tmpdir(), 'cdk-bench-no-aws-config');
  return {
    ...env,
    CDK_DISABLE_VERSION_CHECK: '1',
    CDK_DISABLE_CLI_TELEMETRY: 'true',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: nowhere,
    AWS_SHARED_CREDENTIALS_FILE: nowhere,
    HTTP_PROXY: CLOSED_LOOPBACK_PORT,
    HTTPS_PROXY: CLOSED_LOOPBACK_PORT,
  };
}

/** Milliseconds for one `cdk synth` (the CLI as a process, as users run it); checks that it made the stack. */
function synthOnce(): number {
  const out = mkdtempSync(join(tmpdir(), 'cdk-bench-out-'));
  try {
    const cli = join(CDK_DIR, 'node_modules', 'aws-cdk', 'bin', 'cdk');
    const started = performance.now();
    const result = spawnSync(process.execPath, [cli, 'synth', '--no-notices', '--quiet', '-o', out], {
      cwd: CDK_DIR,
      env: offlineEnvironment(),
      encoding: 'utf8',
    });
    const elapsed = performance.now() - started;
    if (result.status !== 0) throw new Error(`cdk synth exited ${result.status}: ${result.stderr.slice(-500)}`);
    const templateFile = readdirSync(out).find((name) => name.endsWith('.template.json'));
    const resources = templateFile
      ? Object.keys((JSON.parse(readFileSync(join(out, templateFile), 'utf8')) as { Resources: object }).Resources)
      : [];
    if (resources.length < MIN_RESOURCES)
      throw new Error(`cdk synth made ${resources.length} resources; the stack has about 40`);
    return elapsed;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function generateOnce(): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['bin/compiled.mjs', 'generate'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`npm run generate exited ${result.status}`);
  return elapsed;
}

export function benchCdkSynth(): BenchSection {
  const name = 'cdk synth / npm run generate (whole processes)';
  const target = `>= ${TARGET_RATIO}x`;
  const notInstalled = install();
  if (notInstalled !== undefined)
    return {
      lines: [`cdk synth: SKIPPED, the CDK app could not be installed here: ${notInstalled}`],
      figures: [{ name, measured: 'not run: no install (see above)', target, met: undefined }],
    };
  synthOnce(); // untimed: fills the OS file cache
  generateOnce();
  const pairs: Array<{ synth: number; generate: number }> = [];
  for (let run = 0; run < RUNS; run += 1) pairs.push({ synth: synthOnce(), generate: generateOnce() });
  const ratio = median(pairs.map(({ synth, generate }) => synth / generate));
  return {
    lines: [
      `cdk synth of bench/cdk (aws-cdk-lib, the CDK CLI; offline) vs npm run generate (compiled CLI, every template), ${RUNS} alternating pairs:`,
      `  cdk synth ${median(pairs.map(({ synth }) => synth)).toFixed(0)} ms; npm run generate ${median(pairs.map(({ generate }) => generate)).toFixed(0)} ms;` +
        ` ratio (median of the pairs) ${ratio.toFixed(1)}x (target ${target}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT MET'})`,
    ],
    figures: [{ name, measured: `${ratio.toFixed(1)}x`, target, met: ratio >= TARGET_RATIO }],
  };
}
