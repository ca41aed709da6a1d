/**
 * Generator speed: time per in-process run, and the whole `npm run generate -- --check` process as users run it:
 * the compiled CLI (bin/compiled.mjs, what the npm script calls), the same through `npm run` (npm's own start-up
 * added), and the TypeScript sources under tsx (development); a bare `node` start is the same-run baseline.
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { loadConfigFile } from '../generator/config/load.ts';
import { renderTemplateYaml } from '../generator/index.ts';
import { createPartialRenderer } from '../generator/render/partials.ts';
import type { BenchSection } from './figures.ts';
import { median } from './local-stack/report.ts';

const RUNS = 7;
const TARGET_MS = 300;

function timeProcess(command: string, args: string[], runs: number, env: NodeJS.ProcessEnv = process.env): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    const result = spawnSync(command, args, { stdio: 'ignore', env });
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}`);
    times.push(performance.now() - start);
  }
  return median(times);
}

/**
 * Node parses the file NODE_EXTRA_CA_CERTS names at every start, before any JavaScript runs (nodejs/node#40524;
 * about 45 ms of CPU for Debian's bundle of 144 certificates): part of every whole-process figure on a machine that
 * sets it, and nothing this project's code can avoid. Said, with a bare start without it, so the figure can be read.
 */
function extraCaCertsNote(): string[] {
  const file = process.env['NODE_EXTRA_CA_CERTS'];
  if (file === undefined || file === '') return [];
  const { NODE_EXTRA_CA_CERTS: _set, ...without } = process.env;
  const bare = timeProcess(process.execPath, ['-e', ''], RUNS, without);
  return [
    `this environment sets NODE_EXTRA_CA_CERTS=${file}, which Node parses at every start: a bare \`node -e ''\` start without it takes ${bare.toFixed(0)} ms (the figures below include it, as users here get it)`,
  ];
}

export async function benchGenerator(): Promise<BenchSection> {
  const loaded = await loadConfigFile('ws.config.ts');
  const partials = createPartialRenderer();
  const warm: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const start = performance.now();
    renderTemplateYaml(loaded.config, { ...loaded, partials });
    warm.push(performance.now() - start);
  }
  const coldStart = performance.now();
  renderTemplateYaml(loaded.config, loaded);
  const withPartialLoad = performance.now() - coldStart;

  timeProcess(process.execPath, ['bin/compiled.mjs', 'generate', '--check'], 1); // untimed: rebuilds dist/ if stale, fills caches
  const baseline = timeProcess(process.execPath, ['-e', ''], RUNS);
  const caCertsNote = extraCaCertsNote();
  const compiled = timeProcess(process.execPath, ['bin/compiled.mjs', 'generate', '--check'], RUNS);
  const viaNpm = timeProcess('npm', ['run', '--silent', 'generate', '--', '--check'], RUNS);
  const viaTsx = timeProcess(process.execPath, ['--import', 'tsx', 'scripts/generate.ts', '--check'], RUNS);
  const lines = [...caCertsNote];
  lines.push(
    `generator, in process (warm, median of 200): ${median(warm).toFixed(2)} ms per template`,
    `generator, in process incl. loading partials: ${withPartialLoad.toFixed(2)} ms`,
    `generate --check, every template, whole process (medians of ${RUNS}; baseline: a bare \`node -e ''\` start, ${baseline.toFixed(0)} ms):`,
    `  compiled CLI (node bin/compiled.mjs generate --check): ${compiled.toFixed(0)} ms = ${(compiled / baseline).toFixed(2)}x baseline` +
      ` (target < ${TARGET_MS} ms: ${compiled < TARGET_MS ? 'met' : 'NOT MET'})`,
    `  npm run generate -- --check (npm's start-up added): ${viaNpm.toFixed(0)} ms (npm adds ${(viaNpm - compiled).toFixed(0)} ms)`,
    `  tsx scripts/generate.ts --check (development): ${viaTsx.toFixed(0)} ms = ${(viaTsx / compiled).toFixed(2)}x the compiled CLI`,
  );
  return {
    lines,
    figures: [
      {
        name: 'npm run generate -- --check, whole process (compiled CLI)',
        measured: `${compiled.toFixed(0)} ms (${(compiled / baseline).toFixed(2)}x a bare node start)`,
        target: `< ${TARGET_MS} ms`,
        met: compiled < TARGET_MS,
      },
    ],
  };
}
