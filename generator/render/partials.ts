import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import HandlebarsRuntime from 'handlebars/runtime';
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
  const partials = partialFiles(templatesDir).map(({ name, file }) => {
    const source = readFileSync(file, 'utf8');
    const built = precompiled.get(name);
    return { name, source, spec: built?.source === source ? built.spec : undefined };
  });
  // Handlebars' runtime alone when every partial is precompiled: its compiler is loaded only to compile one.
  const handlebars = partials.every(({ spec }) => spec !== undefined)
    ? HandlebarsRuntime.create()
    : (createRequire(import.meta.url)('handlebars') as typeof import('handlebars')).create();
  for (const [name, helper] of Object.entries(HELPERS)) {
    handlebars.registerHelper(name, (value: unknown) => helper(value));
  }
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  for (const { name, source, spec } of partials) {
    const template =
      spec === undefined ? handlebars.compile(source, { ...PARTIAL_COMPILE_OPTIONS }) : handlebars.template(spec);
    handlebars.registerPartial(name, spec === undefined ? source : template);
    compiled.set(name, template);
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
