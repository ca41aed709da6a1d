// The Handlebars partials under templates/ (`vtl/connect`, `asl/wait`, `cloudfront/uri-rewrite`): their names, files
// and compile options, shared by the renderer (partials.ts) and the build (bin/build-dist.mjs), which precompiles them
// into the compiled CLIs so a run does not start Handlebars' compiler (issue 20).
// Plain JavaScript: build-dist.mjs runs before anything is compiled.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** `strict`: a missing field throws; `noEscape`: no HTML entities in VTL, JS or JSON. */
export const PARTIAL_COMPILE_OPTIONS = Object.freeze({ strict: true, noEscape: true });

/** Every `.hbs` file under `templatesDir`, in name order, with its partial name (its path without extensions). */
export function partialFiles(templatesDir) {
  return readdirSync(templatesDir, { recursive: true, encoding: 'utf8' })
    .sort()
    .filter((file) => file.endsWith('.hbs'))
    .map((file) => ({
      name: relative(templatesDir, join(templatesDir, file))
        .replace(/\\/g, '/')
        .replace(/\.[^/]+$/, ''),
      file: join(templatesDir, file),
    }));
}

/**
 * An ES module exporting PRECOMPILED_PARTIALS: each partial's source text and its template specification, compiled
 * with PARTIAL_COMPILE_OPTIONS by `handlebars` (what precompiled-partials.ts holds in a compiled CLI).
 */
export function precompiledPartialsModule(templatesDir, handlebars) {
  const entries = partialFiles(templatesDir).map(({ name, file }) => {
    const source = readFileSync(file, 'utf8');
    // A copy: precompile adds fields to the options it is given.
    const spec = handlebars.precompile(source, { ...PARTIAL_COMPILE_OPTIONS });
    return `  [${JSON.stringify(name)}, { source: ${JSON.stringify(source)}, spec: ${spec} }],`;
  });
  return `export const PRECOMPILED_PARTIALS = new Map([\n${entries.join('\n')}\n]);\n`;
}
