import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { TemplateBuild } from './stack-watch.ts';

/** `--template FILE` in watch mode: the template is its own source; an edit to it restarts the stack. */
export async function readTemplateBuild(templateFile: string): Promise<TemplateBuild> {
  const file = resolve(templateFile);
  return { text: await readFile(file, 'utf8'), sources: [file] };
}
