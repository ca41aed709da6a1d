/**
 * `npm start`: regenerate template.yaml when stale, then run it as a local stack, print the stack
 * outputs and write them to .local/outputs.json. Ctrl-C stops cleanly ($disconnect for every open
 * connection, data flushed).
 *   --api-port N --edge-port N --services-port N --dynamodb-port N   (defaults 3001, 3000, 3002, 8000; 0 = ephemeral)
 *   --data-dir DIR (default .local/data) | --memory   --region R   --wait-scale F
 *   --parameter Name=Value (repeatable)   --outputs FILE (default .local/outputs.json)
 *   --config FILE (default ws.config.ts; another app's data defaults to <its folder>/.local/data)
 *   --iam on|off (default on: calls made for the template's roles are evaluated against its IAM)
 *   --quiet | --verbose | --log-level L   --log-format text|json   (the stack's log on stderr)
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { ConfigError } from '../generator/config/index.ts';
import { loadConfigFile } from '../generator/config/load.ts';
import { renderTemplateYaml } from '../generator/index.ts';
import { startLocalStack } from '../local/stack/index.ts';
import { runCommand } from './cli.ts';
import { START, startOptionsFrom } from './start-options.ts';

async function main({ values }: { values: Parameters<typeof startOptionsFrom>[0] }): Promise<number> {
  const options = startOptionsFrom(values);
  const loaded = await loadConfigFile(options.configFile);
  const yaml = renderTemplateYaml(loaded.config, { handlers: loaded.handlers, source: options.configFile });
  if (!existsSync(loaded.templateFile) || readFileSync(loaded.templateFile, 'utf8') !== yaml) {
    writeFileSync(loaded.templateFile, yaml);
    console.log(`${relative(process.cwd(), loaded.templateFile)}: regenerated from ${options.configFile}`);
  }
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const stack = await startLocalStack({ ...options.stack, templateFile: loaded.templateFile });
  mkdirSync(dirname(options.outputsFile), { recursive: true });
  // Written whole, then renamed: a reader polling for the file never sees it half written.
  writeFileSync(`${options.outputsFile}.partial`, `${JSON.stringify(stack.outputs, null, 2)}\n`);
  renameSync(`${options.outputsFile}.partial`, options.outputsFile);
  console.log(`Local stack running (outputs in ${options.outputsFile}):`);
  for (const [key, value] of Object.entries(stack.outputs)) console.log(`  ${key.padEnd(20)} ${value}`);
  if (options.configFile === 'ws.config.ts') console.log(`Try: wscat -c "${stack.outputs.Distribution ?? stack.outputs.APIEndpoint}/this/is/my/custom/path/?my_query=foo"`);
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
  return 0;
}

runCommand(START, main).then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
