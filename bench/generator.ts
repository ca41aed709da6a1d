/**
 * Generator speed: time per in-process run, and the whole `npm run generate -- --check` process,
 * each as a ratio to a baseline measured in the same run (a bare `node --import tsx` start).
 */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { loadConfigFile } from '../generator/config/load.ts';
import { renderTemplateYaml } from '../generator/index.ts';
import { createPartialRenderer } from '../generator/render/partials.ts';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeProcess(args: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}`);
    times.push(performance.now() - start);
  }
  return median(times);
}

export async function benchGenerator(): Promise<string[]> {
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

  const baseline = timeProcess(['--import', 'tsx', '-e', ''], 5);
  const whole = timeProcess(['--import', 'tsx', 'scripts/generate.ts', '--check'], 5);
  return [
    `generator, in process (warm, median of 200): ${median(warm).toFixed(2)} ms per template`,
    `generator, in process incl. loading partials: ${withPartialLoad.toFixed(2)} ms`,
    `baseline: bare node --import tsx start: ${baseline.toFixed(0)} ms`,
    `npm run generate -- --check (every template), whole process: ${whole.toFixed(0)} ms = ${(whole / baseline).toFixed(2)}x baseline (target < 1000 ms: ${whole < 1000 ? 'met' : 'NOT met'})`,
  ];
}
