import { resolve } from 'node:path';
import { build } from 'esbuild';

/**
 * The project's own files a TypeScript module imports, itself included (esbuild's metafile of an unwritten bundle;
 * packages stay external): what to watch for a `ws.config.ts`. A module esbuild cannot read gives just itself, so a
 * broken config is still watched and its fix seen.
 */
export async function moduleInputs(entryFile: string): Promise<string[]> {
  const entry = resolve(entryFile);
  try {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    });
    // Metafile paths are relative to esbuild's working directory (this process's).
    const inputs = Object.keys(result.metafile.inputs)
      .filter((input) => !input.includes(':'))
      .map((input) => resolve(input));
    return inputs.includes(entry) ? inputs : [entry, ...inputs];
  } catch {
    return [entry];
  }
}
