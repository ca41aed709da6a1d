/**
 * `npm start`: regenerate template.yaml when stale, check it, then start the local stack.
 * The local stack (issue 3) is not built yet: this says so and exits non-zero rather than
 * pretending to serve anything.
 */
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { ConfigError } from '../generator/config/index.ts';
import { loadConfigFile } from '../generator/config/load.ts';
import { renderTemplateYaml } from '../generator/index.ts';

async function main(): Promise<number> {
  const loaded = await loadConfigFile('ws.config.ts');
  const yaml = renderTemplateYaml(loaded.config, { handlers: loaded.handlers });
  const current = existsSync(loaded.templateFile) ? readFileSync(loaded.templateFile, 'utf8') : undefined;
  if (current !== yaml) {
    writeFileSync(loaded.templateFile, yaml);
    console.log('template.yaml: regenerated from ws.config.ts');
  } else {
    console.log('template.yaml: up to date');
  }
  console.error('local stack: not implemented yet (tracked in issue 3); nothing is listening.');
  return 1;
}

main().then((code) => { process.exitCode = code; }, (error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 2;
});
