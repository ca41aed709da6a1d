/**
 * The partials precompiled at build time. Empty here (under tsx every partial is compiled when the renderer is
 * made); in the compiled CLIs bin/build-dist.mjs replaces this module with each partial's source text and template
 * specification (partial-files.mjs). The renderer uses a specification only for a file whose text is the same.
 */
export interface PrecompiledPartial {
  source: string;
  spec: TemplateSpecification;
}

export const PRECOMPILED_PARTIALS: ReadonlyMap<string, PrecompiledPartial> = new Map();
