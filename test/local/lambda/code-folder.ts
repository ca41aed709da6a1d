import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Writes a function's code folder (relative path → content) under `root`, outside this repository's
 * package.json and node_modules, as a deployed Lambda folder is: nothing above it decides how it loads.
 */
export async function writeCodeFolder(root: string, files: Record<string, string>): Promise<string> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  return root;
}
