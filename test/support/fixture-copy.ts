import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TEMPLATES = fileURLToPath(new URL('../fixtures/templates/', import.meta.url));

/**
 * A copy of a fixture app (test/fixtures/templates/NAME) in a fresh temporary folder, as a user's project would be:
 * away from this repository's package.json and node_modules, so its handlers get only what a Lambda runtime gives.
 * `edit` changes the copy's template text (for variants). Returns the copied template's path.
 */
export function copyFixtureApp(name: string, edit: (text: string) => string = (text) => text): string {
  const folder = join(mkdtempSync(join(tmpdir(), `${name}-`)), name);
  cpSync(join(TEMPLATES, name), folder, { recursive: true });
  const templateFile = join(folder, 'template.yaml');
  writeFileSync(templateFile, edit(readFileSync(templateFile, 'utf8')));
  return templateFile;
}
