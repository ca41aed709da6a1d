import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { HELPERS } from './helpers.ts';
import { PARTIAL_COMPILE_OPTIONS, partialFiles } from './partial-files.mjs';
import { PRECOMPILED_PARTIALS, type PrecompiledPartial } from './precompiled-partials.ts';
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
 * A partial found in `precompiled` with the same source text uses that specification (the
 * compiled CLIs hold every partial precompiled); any other is compiled here.
 */
export function createPartialRenderer(
  templatesDir = DEFAULT_TEMPLATES_DIR,
  precompiled: ReadonlyMap<string, PrecompiledPartial> = PRECOMPILED_PARTIALS,
): PartialRenderer {
  const handlebars = Handlebars.create();
  for (const [name, helper] of Object.entries(HELPERS)) {
    handlebars.registerHelper(name, (value: unknown) => helper(value));
  }
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const { name, file } of partialFiles(templatesDir)) {
    const source = readFileSync(file, 'utf8');
    handlebars.registerPartial(name, source);
    const built = precompiled.get(name);
    compiled.set(
      name,
      built?.source === source
        ? handlebars.template(built.spec)
        : handlebars.compile(source, { ...PARTIAL_COMPILE_OPTIONS }),
    );
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
