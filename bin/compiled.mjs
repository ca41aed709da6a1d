#!/usr/bin/env node
// `node bin/compiled.mjs <command> [args]`: runs a project command from its compiled bundle (dist/scripts/<command>.cjs,
// made by build-dist.mjs), rebuilding first when any source it was made of changed, so a command never runs
// stale code. What `npm run generate`, `npm start`, `npm run smoke` and `npm run lint:template` call.
import module from 'node:module';
import { join } from 'node:path';
import { COMPILED_COMMANDS, DIST_DIR, buildDist, distIsFresh } from './build-dist.mjs';
import { codeCacheDir, runWithCodeCache } from './code-cache.mjs';

// Node >= 22.1 caches the compiled code of every module it loads from node_modules too (the bundle itself is cached
// by code-cache.mjs on every version); Node 20 has no such cache and runs without one.
module.enableCompileCache?.();

const command = process.argv[2];
if (!COMPILED_COMMANDS.includes(command ?? '')) {
  console.error(
    `bin/compiled.mjs: ${JSON.stringify(command ?? null)}: not a compiled command (commands: ${COMPILED_COMMANDS.join(', ')})`,
  );
  process.exit(2);
}
if (!distIsFresh(command)) {
  const started = performance.now();
  try {
    await buildDist();
  } catch (error) {
    // esbuild's message lists each error with its file, line and column; a stack trace would only bury them.
    console.error(
      `bin/compiled.mjs: the sources do not compile, so ${command} cannot run:\n${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
  console.error(`(sources changed: dist/ rebuilt in ${Math.round(performance.now() - started)} ms)`);
}
// The command reads its own arguments from process.argv.slice(2), as when run by tsx.
process.argv.splice(2, 1);
process.argv[1] = join(DIST_DIR, 'scripts', `${command}.cjs`);
runWithCodeCache(process.argv[1], codeCacheDir(DIST_DIR));
