/** Starts a local stack from a config generated on the spot (fixtures that are not shipped examples). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadConfigFile } from '../../generator/config/load.ts';
import { renderTemplateYaml } from '../../generator/index.ts';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/stack/index.ts';
import { writeTemplateText } from './template-variant.ts';

export async function startGeneratedStack(configFile: string, options: LocalStackOptions = {}): Promise<LocalStack> {
  const loaded = await loadConfigFile(configFile);
  const templateFile = writeTemplateText(renderTemplateYaml(loaded.config, loaded), dirname(loaded.file));
  return startLocalStack({ bundleDir: freshBundleDir(), log: () => {}, ...options, templateFile });
}

/** A fresh bundle folder per stack, so tests never share esbuild output. */
export function freshBundleDir(): string {
  return mkdtempSync(join(tmpdir(), 'bundles-'));
}
