/**
 * The lint step of the one check (scripts/check.ts) and `npm run lint`: Biome's linter with the
 * rules in biome.jsonc, over the whole tree, failing on warnings as well as errors (unused code,
 * focused or skipped tests). `npm run lint -- <path>...` lints only those paths.
 *
 * The formatter is configured in biome.jsonc but not yet applied to the tree: `biome check`
 * (lint and format) replaces `biome lint` here once the tree has been formatted in one commit.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const BIOME = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');

/** The node arguments that run the lint over `paths` (the whole tree when none are given). */
export function lintCommand(paths: readonly string[] = []): string[] {
  return [BIOME, 'lint', '--error-on-warnings', ...(paths.length > 0 ? paths : ['.'])];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = spawnSync(process.execPath, lintCommand(process.argv.slice(2)), { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
