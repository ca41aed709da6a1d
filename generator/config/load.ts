import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ResolvedHandler } from '../context.ts';
import { ConfigError } from './errors.ts';
import { parseConfig, type WsConfig } from './index.ts';

export interface LoadedConfig {
  file: string;
  config: WsConfig;
  /** Where the template goes: `template.yaml` beside the config. */
  templateFile: string;
  handlers: Map<string, ResolvedHandler>;
}

/**
 * Import a `ws.config.ts` (its default export), validate it, and resolve handler files relative
 * to it. Every problem, including missing handler files, is reported in one ConfigError.
 */
export async function loadConfigFile(file: string): Promise<LoadedConfig> {
  const absolute = resolve(file);
  const source = relative(process.cwd(), absolute) || absolute;
  if (!existsSync(absolute)) throw new ConfigError(source, [`(file): does not exist (got ${JSON.stringify(file)})`]);
  const module = (await import(pathToFileURL(absolute).href)) as { default?: unknown };
  if (module.default === undefined) throw new ConfigError(source, ['(file): must `export default defineConfig({...})` (got no default export)']);
  const config = parseConfig(module.default, source);
  const directory = dirname(absolute);
  const handlers = new Map<string, ResolvedHandler>();
  const problems: string[] = [];
  for (const [key, route] of Object.entries(config.routes)) {
    if (route.integration !== 'lambda') continue;
    const handlerFile = resolve(directory, route.handler);
    if (!existsSync(handlerFile)) {
      problems.push(`routes.${key}.handler: file does not exist relative to the config (got ${JSON.stringify(route.handler)})`);
      continue;
    }
    const codeUri = relative(directory, dirname(handlerFile)).replace(/\\/g, '/') || '.';
    const entryPoint = basename(handlerFile);
    handlers.set(key, { codeUri: `${codeUri}/`, entryPoint, handler: `${entryPoint.replace(/\.ts$/, '')}.handler` });
  }
  if (problems.length > 0) throw new ConfigError(source, problems);
  return { file: absolute, config, templateFile: resolve(directory, 'template.yaml'), handlers };
}

/** The project's config files: `ws.config.ts`, then `examples/<name>/ws.config.ts` in name order. */
export function configFiles(root: string): string[] {
  const examples = join(root, 'examples');
  const exampleConfigs = existsSync(examples)
    ? readdirSync(examples).sort().map((name) => join(examples, name, 'ws.config.ts')).filter((file) => existsSync(file))
    : [];
  return [join(root, 'ws.config.ts'), ...exampleConfigs];
}
