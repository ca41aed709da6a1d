export const PARTIAL_COMPILE_OPTIONS: Readonly<{ strict: true; noEscape: true }>;
export function partialFiles(templatesDir: string): { name: string; file: string }[];
export function precompiledPartialsModule(
  templatesDir: string,
  handlebars: { precompile(source: string, options: object): unknown },
): string;
