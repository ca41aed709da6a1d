/**
 * `npm start`: regenerate the config's template.yaml when stale, then run it as a local stack, print the stack
 * outputs and write them to .local/outputs.json; or, with `--template FILE`, run any SAM/CloudFormation template
 * as it is. Ctrl-C stops cleanly ($disconnect for every open connection, data flushed). Flags: START.usage.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { loadConfigFile } from '../generator/config/load.ts';
import { renderTemplateYaml } from '../generator/index.ts';
import { moduleInputs, type TemplateBuild } from '../local/watch/index.ts';
import { runCommandAsProcess } from './cli.ts';
import { runLocalStack, type TemplateSource } from './run-local-stack.ts';
import { loadingDeferredPackagesDuringTheWait } from './start-deferred-packages.ts';
import { START, startOptionsFrom } from './start-options.ts';
import { startupTimings } from './startup-timings.ts';

async function main({ values }: { values: Parameters<typeof startOptionsFrom>[0] }): Promise<number> {
  const timings = startupTimings();
  timings.mark('modules loaded');
  const options = startOptionsFrom(values);
  let source: TemplateSource | undefined;
  if (options.configFile !== undefined) {
    const configFile = options.configFile;
    const initial = await templateFromConfig(configFile, options.watch);
    options.templateFile = initial.templateFile;
    timings.mark('config loaded, template checked');
    // Each rebuild imports the config afresh (tsx's tsImport: a new module namespace), with every file it imports.
    // Compiled (dist/, plain Node), the config is compiled by esbuild into a module of its own text each time, which
    // is fresh whenever the config or an import changed; under tsx, import() would give the cached module.
    const importModule = import.meta.url.endsWith('.ts') ? importAfresh : undefined;
    if (options.watch) source = { initial, rebuild: () => templateFromConfig(configFile, true, importModule) };
  }
  const outputs = await runLocalStack(
    options,
    source,
    loadingDeferredPackagesDuringTheWait(timings, { iam: options.stack.iam ?? 'on' }),
  );
  if (options.configFile === 'ws.config.ts')
    console.log(`Try: wscat -c "${outputs.Distribution ?? outputs.APIEndpoint}/this/is/my/custom/path/?my_query=foo"`);
  return 0;
}

/**
 * tsx's tsImport loads the config and what it imports in a new module namespace, so an edit is seen. Outside a
 * `"type": "module"` package it compiles the config to CommonJS: the module's default is then the exports object
 * (esbuild's `__esModule` marker on it), whose `default` is the config.
 */
async function importAfresh(url: string): Promise<unknown> {
  const { tsImport } = await import('tsx/esm/api'); // only in watch mode, after an edit: not on every start's path
  const namespace = (await tsImport(url, import.meta.url)) as { default?: { __esModule?: boolean } };
  return namespace.default?.__esModule === true ? namespace.default : namespace;
}

/** The config's template.yaml, written when it changed; in watch mode also the files it is made from. */
async function templateFromConfig(
  configFile: string,
  watching: boolean,
  importModule?: (url: string) => Promise<unknown>,
): Promise<TemplateBuild & { templateFile: string }> {
  const loaded = await loadConfigFile(configFile, importModule ? { importModule } : {});
  const yaml = renderTemplateYaml(loaded.config, { ...loaded, source: configFile });
  if (!existsSync(loaded.templateFile) || readFileSync(loaded.templateFile, 'utf8') !== yaml) {
    writeFileSync(loaded.templateFile, yaml);
    console.log(`${relative(process.cwd(), loaded.templateFile)}: regenerated from ${configFile}`);
  }
  const workflowFiles = [...loaded.workflows.values()].map((workflow) => resolve(dirname(loaded.file), workflow.file));
  const sources = watching ? [...(await moduleInputs(loaded.file)), ...workflowFiles] : [];
  return { text: yaml, sources, templateFile: loaded.templateFile };
}

runCommandAsProcess(START, main, 2, (error) => (error instanceof Error ? error.message : error));
