import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { HELPERS } from './helpers.ts';
import { packageFile } from '../../shared/package-file.ts';

export const DEFAULT_TEMPLATES_DIR = packageFile(import.meta.url, 'templates/');

/** Renders the partials under templates/ (`vtl/connect`, `asl/wait`, `cloudfront/uri-rewrite`). */
export interface PartialRenderer {
  render(name: string, data: object): string;
  names(): string[];
}

/**
 * One isolated Handlebars environment per renderer: `strict` (a missing field throws),
 * `noEscape` (no HTML entities in VTL/JS/JSON); values enter only through HELPERS.
 */
export function createPartialRenderer(templatesDir = DEFAULT_TEMPLATES_DIR): PartialRenderer {
  const handlebars = Handlebars.create();
  for (const [name, helper] of Object.entries(HELPERS)) {
    handlebars.registerHelper(name, (value: unknown) => helper(value));
  }
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const file of readdirSync(templatesDir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (!file.endsWith('.hbs')) continue;
    const name = relative(templatesDir, join(templatesDir, file))
      .replace(/\\/g, '/')
      .replace(/\.[^/]+$/, '');
    const source = readFileSync(join(templatesDir, file), 'utf8');
    handlebars.registerPartial(name, source);
    compiled.set(name, handlebars.compile(source, { strict: true, noEscape: true }));
  }
  return {
    render(name, data) {
      const template = compiled.get(name);
      if (!template)
        throw new Error(`no partial "${name}" under ${templatesDir} (have: ${[...compiled.keys()].join(', ')})`);
      return template(data);
    },
    names: () => [...compiled.keys()],
  };
}
