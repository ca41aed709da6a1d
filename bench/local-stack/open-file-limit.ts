import { spawnSync } from 'node:child_process';

/** The soft `ulimit -n` that children of this process inherit; undefined when the shell cannot tell. */
export function openFileLimit(): number | undefined {
  const result = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' });
  const text = result.stdout.trim();
  if (text === 'unlimited') return Number.POSITIVE_INFINITY;
  const limit = Number.parseInt(text, 10);
  return Number.isFinite(limit) ? limit : undefined;
}
