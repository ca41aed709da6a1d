/**
 * Preloaded into every unit test file by scripts/run-tests.ts: a unit test starts no server and no
 * child process, so `npm run test:unit` stays fast and needs nothing but Node.js. A test that does
 * either belongs in a `*.integration.test.ts` file, which runs without this guard.
 */
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';

const CHILD_PROCESS_FUNCTIONS = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;

/** Refusals so far: a test that catches one (a probe for an optional tool, say) must not pass by it. */
const refused: string[] = [];

function refuse(what: string): () => never {
  return () => {
    const message = `${what} in a unit test: a test that starts servers or child processes belongs in a *.integration.test.ts file`;
    refused.push(message);
    throw new Error(message);
  };
}

// Only in the test file's own process: the runner's parent process must still spawn the files.
if (process.env['NODE_TEST_CONTEXT'] !== undefined) {
  net.Server.prototype.listen = refuse('listening on a socket (net.Server.listen)');
  const mutable = childProcess as unknown as Record<string, unknown>;
  for (const name of CHILD_PROCESS_FUNCTIONS)
    mutable[name] = refuse(`starting a child process (child_process.${name})`);
  syncBuiltinESMExports();
  process.on('exit', () => {
    if (refused.length === 0) return;
    console.error(`unit-guard: ${[...new Set(refused)].join('\n')}`);
    process.exitCode = 1;
  });
}
