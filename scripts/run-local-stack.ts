/**
 * Runs a template as a local stack until Ctrl-C: prints the outputs (and the ones with no local value), writes
 * them to the outputs file, and stops cleanly ($disconnect for every open connection, data flushed).
 * Shared by `npm start` and the package's `local` command.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { startLocalStack, type LocalStack } from '../local/stack/index.ts';
import type { StartOptions } from './start-options.ts';

export async function runLocalStack(options: StartOptions): Promise<LocalStack> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const stack = await startLocalStack({ ...options.stack, templateFile: options.templateFile });
  mkdirSync(dirname(options.outputsFile), { recursive: true });
  // Written whole, then renamed: a reader polling for the file never sees it half written.
  writeFileSync(`${options.outputsFile}.partial`, `${JSON.stringify(stack.outputs, null, 2)}\n`);
  renameSync(`${options.outputsFile}.partial`, options.outputsFile);
  console.log(`Local stack running (outputs in ${options.outputsFile}):`);
  const width = Math.max(20, ...Object.keys(stack.outputs).map((key) => key.length + 1));
  for (const [key, value] of Object.entries(stack.outputs)) console.log(`  ${key.padEnd(width)} ${value}`);
  if (stack.unresolvedOutputs.length > 0) {
    console.log('Outputs with no local value:');
    for (const { name, reason } of stack.unresolvedOutputs) console.log(`  ${name.padEnd(width)} ${reason}`);
  }
  // Repeated after the outputs: a warning scrolled past in the start log is the one that explains a difference later.
  if (stack.settingsNotEmulated.length > 0) {
    console.log('Template settings that run locally, but not as on AWS:');
    for (const setting of stack.settingsNotEmulated) console.log(`  ${setting}`);
  }
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
