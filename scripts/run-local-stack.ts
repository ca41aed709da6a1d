/**
 * Runs a template as a local stack until Ctrl-C: prints the outputs (and the ones with no local value), writes
 * them to the outputs file, and stops cleanly ($disconnect for every open connection, data flushed). In watch mode
 * (local/watch/) an edited handler is rebuilt in place and an edited template source restarts the stack; the outputs
 * are printed and written again after each restart. Shared by `npm start` and the package's `local` command.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { startLocalStack, type LocalStack } from '../local/stack/index.ts';
import { createStackLog } from '../local/stack/stack-log.ts';
import { readTemplateBuild, watchStack, type TemplateBuild } from '../local/watch/index.ts';
import type { StartOptions } from './start-options.ts';
import { startupTimings, type StartupTimings } from './startup-timings.ts';

/** How watch mode makes the template again: from the config (npm start), or the template file itself (`--template`). */
export interface TemplateSource {
  initial: TemplateBuild;
  rebuild(): Promise<TemplateBuild>;
}

/** `timings`: phases the caller already marked (printed with the stack's when `--timings` is given). */
export async function runLocalStack(
  options: StartOptions,
  source?: TemplateSource,
  timings: StartupTimings = startupTimings(),
): Promise<LocalStack['outputs']> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const templateSource = options.watch ? (source ?? (await templateFileSource(options))) : undefined;
  const start = (templateText?: string, ports?: LocalStack['ports']) =>
    startLocalStack({
      ...options.stack,
      templateFile: options.templateFile,
      ...(templateText === undefined ? {} : { templateText }),
      ...(ports ? { ports } : {}),
      onPhase: (phase) => timings.mark(phase),
    });
  const stack = await start(templateSource?.initial.text);
  report(stack, options.outputsFile);
  timings.mark('outputs written');
  if (options.timings) for (const line of timings.lines()) console.log(line);
  let stop = () => stack.stop();
  if (templateSource) {
    const watched = await watchStack(stack, {
      ...templateSource,
      start,
      started: (restarted) => report(restarted, options.outputsFile),
      ignore: [options.localDir, options.stack.bundleDir, options.stack.logDir, options.dataDir]
        .filter((dir): dir is string => dir !== undefined)
        .map((dir) => resolve(dir)),
      log: createStackLog(options.stack).forService('watch'),
    });
    stop = () => watched.stop();
    console.log(
      'Watching for changes: an edited handler is rebuilt in place; an edited config or template restarts the stack (--no-watch to turn off)',
    );
  }
  // Repeated after the outputs: a warning scrolled past in the start log is the one that explains a difference later.
  if (stack.settingsNotEmulated.length > 0) {
    console.log('Template settings that run locally, but not as on AWS:');
    for (const setting of stack.settingsNotEmulated) console.log(`  ${setting}`);
  }
  if (stack.apiKeys.lines.length > 0) {
    console.log(`API keys (${stack.apiKeys.source}):`);
    for (const line of stack.apiKeys.lines) console.log(`  ${line}`);
  }
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    // A second Ctrl-C while the stop runs: leave at once, as the user asked. A repeated SIGTERM does not cut it short.
    if (stopping && signal === 'SIGINT') process.exit(130);
    if (stopping) return;
    stopping = true;
    console.log(
      '\nstopping: closing connections, running $disconnect, flushing data... (Ctrl-C again to quit at once)',
    );
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  return stack.outputs; // a restart keeps the ports, so these URLs stay right
}

async function templateFileSource({ templateFile, stack }: StartOptions): Promise<TemplateSource> {
  const check = {
    ...(stack.region ? { region: stack.region } : {}),
    ...(stack.parameterOverrides ? { parameterOverrides: stack.parameterOverrides } : {}),
  };
  return {
    initial: await readTemplateBuild(templateFile, check),
    rebuild: () => readTemplateBuild(templateFile, check),
  };
}

/** Prints the outputs and writes them whole, then renames: a reader polling for the file never sees it half written. */
function report(stack: LocalStack, outputsFile: string): void {
  mkdirSync(dirname(outputsFile), { recursive: true });
  writeFileSync(`${outputsFile}.partial`, `${JSON.stringify(stack.outputs, null, 2)}\n`);
  renameSync(`${outputsFile}.partial`, outputsFile);
  console.log(`Local stack running (outputs in ${outputsFile}):`);
  const width = Math.max(20, ...Object.keys(stack.outputs).map((key) => key.length + 1));
  for (const [key, value] of Object.entries(stack.outputs)) console.log(`  ${key.padEnd(width)} ${value}`);
  if (stack.unresolvedOutputs.length > 0) {
    console.log('Outputs with no local value:');
    for (const { name, reason } of stack.unresolvedOutputs) console.log(`  ${name.padEnd(width)} ${reason}`);
  }
}
