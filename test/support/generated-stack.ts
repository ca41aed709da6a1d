/** Starts a local stack from a config generated on the spot (fixtures that are not shipped examples). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { WsConfigInput } from '../../generator/config/index.ts';
import { loadConfigFile } from '../../generator/config/load.ts';
import { renderTemplateYaml } from '../../generator/index.ts';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/stack/index.ts';
import { writeTemplateText } from './template-variant.ts';

export async function startGeneratedStack(configFile: string, options: LocalStackOptions = {}): Promise<LocalStack> {
  const loaded = await loadConfigFile(configFile);
  const templateFile = writeTemplateText(renderTemplateYaml(loaded.config, loaded), dirname(loaded.file));
  return startLocalStack({ bundleDir: freshBundleDir(), log: () => {}, ...options, templateFile });
}

/**
 * Starts a local stack from a config object written on the spot (handler paths absolute or relative to the
 * project root): a temporary `ws.config.ts` holding it, generated like every other config.
 */
export async function startStackFromConfig(
  config: WsConfigInput,
  options: LocalStackOptions = {},
): Promise<LocalStack> {
  const file = join(mkdtempSync(join(tmpdir(), 'config-')), 'ws.config.ts');
  writeFileSync(file, `export default ${JSON.stringify(absoluteHandlers(config))};\n`);
  return startGeneratedStack(file, options);
}

/** Handler paths made absolute against the project root, so the config works from its temporary folder. */
function absoluteHandlers(config: WsConfigInput): WsConfigInput {
  return JSON.parse(JSON.stringify(config), (key, value: unknown) =>
    key === 'handler' && typeof value === 'string' ? resolve(value) : value,
  ) as WsConfigInput;
}

/** A fresh bundle folder per stack, so tests never share esbuild output. */
export function freshBundleDir(): string {
  return mkdtempSync(join(tmpdir(), 'bundles-'));
}
