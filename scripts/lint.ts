/**
 * The lint step of the one check (scripts/check.ts) and `npm run lint`: Biome's linter and formatter
 * (`biome check`) with the rules in biome.jsonc, over the whole tree, failing on warnings as well as
 * errors (unused code, focused or skipped tests) and on code that is not formatted (`npx biome check
 * --write .` formats it). Markdown, YAML, JSON and CSS are linted but keep their authors' layout.
 * `npm run lint -- <path>...` checks only those paths.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const BIOME = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');

/** The node arguments that run the lint over `paths` (the whole tree when none are given). */
export function lintCommand(paths: readonly string[] = []): string[] {
  return [BIOME, 'check', '--error-on-warnings', ...(paths.length > 0 ? paths : ['.'])];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = spawnSync(process.execPath, lintCommand(process.argv.slice(2)), { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
