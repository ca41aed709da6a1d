import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, DEFAULT_STACK_NAME } from '../shared/constants.ts';
import { loadLocalTemplate } from '../template/index.ts';
import type { TemplateBuild } from './stack-watch.ts';

export interface TemplateCheckOptions {
  region?: string;
  parameterOverrides?: Record<string, string>;
}

/**
 * `--template FILE` in watch mode: the template is its own source; an edit to it restarts the stack. The text is
 * read as the stack will read it first (YAML, intrinsics, parameters), so a broken edit is refused before the running
 * stack is stopped.
 */
export async function readTemplateBuild(
  templateFile: string,
  check: TemplateCheckOptions = {},
): Promise<TemplateBuild> {
  const file = resolve(templateFile);
  const text = await readFile(file, 'utf8');
  loadLocalTemplate(text, {
    stackName: DEFAULT_STACK_NAME,
    region: check.region ?? DEFAULT_REGION,
    accountId: DEFAULT_ACCOUNT_ID,
    source: file,
    baseDir: dirname(file),
    ...(check.parameterOverrides ? { parameterOverrides: check.parameterOverrides } : {}),
  });
  return { text, sources: [file] };
}
