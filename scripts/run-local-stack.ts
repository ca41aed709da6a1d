/**
 * Runs a template as a local stack until Ctrl-C: prints the outputs (and the ones with no local value), writes
 * them to the outputs file, and stops cleanly ($disconnect for every open connection, data flushed).
 * Shared by `npm start` and the package's `local` command.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { startLocalStack, type LocalStack } from '../local/stack/index.ts';
import type { StartOptions } from './start-options.ts';
import { startupTimings, type StartupTimings } from './startup-timings.ts';

/** `timings`: phases the caller already marked (it prints them, with the stack's, when `--timings` is given). */
export async function runLocalStack(options: StartOptions, timings: StartupTimings = startupTimings()): Promise<LocalStack> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const stack = await startLocalStack({ ...options.stack, templateFile: options.templateFile, onPhase: (phase) => timings.mark(phase) });
  mkdirSync(dirname(options.outputsFile), { recursive: true });
  // Written whole, then renamed: a reader polling for the file never sees it half written.
  writeFileSync(`${options.outputsFile}.partial`, `${JSON.stringify(stack.outputs, null, 2)}\n`);
  renameSync(`${options.outputsFile}.partial`, options.outputsFile);
  timings.mark('outputs written');
  console.log(`Local stack running (outputs in ${options.outputsFile}):`);
  const width = Math.max(20, ...Object.keys(stack.outputs).map((key) => key.length + 1));
  for (const [key, value] of Object.entries(stack.outputs)) console.log(`  ${key.padEnd(width)} ${value}`);
  if (stack.unresolvedOutputs.length > 0) {
    console.log('Outputs with no local value:');
    for (const { name, reason } of stack.unresolvedOutputs) console.log(`  ${name.padEnd(width)} ${reason}`);
  }
  if (options.timings) for (const line of timings.lines()) console.log(line);
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    // A second Ctrl-C while the stop runs: leave at once, as the user asked. A repeated SIGTERM does not cut it short.
    if (stopping && signal === 'SIGINT') process.exit(130);
    if (stopping) return;
    stopping = true;
    console.log('\nstopping: closing connections, running $disconnect, flushing data... (Ctrl-C again to quit at once)');
    stack.stop().then(() => process.exit(0), (error: unknown) => { console.error(error); process.exit(1); });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  return stack;
}
