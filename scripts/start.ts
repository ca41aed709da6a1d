/**
 * `npm start`: regenerate the config's template.yaml when stale, then run it as a local stack, print the stack
 * outputs and write them to .local/outputs.json; or, with `--template FILE`, run any SAM/CloudFormation template
 * as it is. Ctrl-C stops cleanly ($disconnect for every open connection, data flushed). Flags: START.usage.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ConfigError } from '../generator/config/index.ts';
import { loadConfigFile } from '../generator/config/load.ts';
import { renderTemplateYaml } from '../generator/index.ts';
import { runCommand } from './cli.ts';
import { runLocalStack } from './run-local-stack.ts';
import { START, startOptionsFrom } from './start-options.ts';
import { startupTimings } from './startup-timings.ts';

async function main({ values }: { values: Parameters<typeof startOptionsFrom>[0] }): Promise<number> {
  const timings = startupTimings();
  timings.mark('modules loaded');
  const options = startOptionsFrom(values);
  if (options.configFile !== undefined) {
    const loaded = await loadConfigFile(options.configFile);
    const yaml = renderTemplateYaml(loaded.config, { ...loaded, source: options.configFile });
    if (!existsSync(loaded.templateFile) || readFileSync(loaded.templateFile, 'utf8') !== yaml) {
      writeFileSync(loaded.templateFile, yaml);
      console.log(`${relative(process.cwd(), loaded.templateFile)}: regenerated from ${options.configFile}`);
    }
    options.templateFile = loaded.templateFile;
    timings.mark('config loaded, template checked');
  }
  const stack = await runLocalStack(options, timings);
  if (options.configFile === 'ws.config.ts') console.log(`Try: wscat -c "${stack.outputs.Distribution ?? stack.outputs.APIEndpoint}/this/is/my/custom/path/?my_query=foo"`);
  return 0;
}

runCommand(START, main).then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
