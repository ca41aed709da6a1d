import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build as esbuild, type BuildFailure, type Message } from 'esbuild';
import { parseHandler, resolveEntryFile } from './handler-spec.ts';
import type { BundledFunction, LambdaFunctionSpec } from './types.ts';

/**
 * ESM bundles that inline CommonJS dependencies (the AWS SDK has some) call `require`;
 * an `.mjs` file has none, so give it one (the usual SAM/esbuild banner).
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __localLambdaCreateRequire } from 'node:module';\n" +
  'const require = __localLambdaCreateRequire(import.meta.url);';

const describeMessage = (message: Message): string => {
  const where = message.location
    ? `${message.location.file}:${message.location.line}:${message.location.column}: `
    : '';
  return `${where}${message.text}`;
};

const isBuildFailure = (error: unknown): error is BuildFailure =>
  error instanceof Error && Array.isArray((error as Partial<BuildFailure>).errors);

/**
 * Bundles one function like `sam build` with `BuildMethod: esbuild`: platform node, target
 * node22, everything bundled, source maps written beside the bundle. ESM goes to `.mjs`; CJS
 * goes to `.js` beside a `{"type":"commonjs"}` package.json, so the project's
 * `"type":"module"` cannot turn it into ESM.
 */
export async function bundleFunction(spec: LambdaFunctionSpec, bundleDir: string, build = 0): Promise<BundledFunction> {
  const entryFile = resolveEntryFile(spec);
  const { exportName } = parseHandler(spec.handler);
  const format = spec.format ?? 'cjs';
  // A rebuild (watch mode) goes to a folder of its own: the sandbox it replaces may not have loaded its bundle yet.
  const taskRoot = resolve(bundleDir, build === 0 ? spec.name : `${spec.name}@${build}`);
  if (build > 1) await rm(resolve(bundleDir, `${spec.name}@${build - 2}`), { recursive: true, force: true }); // long replaced

  const bundlePath = join(taskRoot, format === 'esm' ? 'index.mjs' : 'index.js');
  await mkdir(taskRoot, { recursive: true });
  let inputs: string[];
  try {
    const result = await esbuild({
      entryPoints: [entryFile],
      outfile: bundlePath,
      bundle: true,
      platform: 'node',
      target: 'node22',
      format,
      sourcemap: true,
      metafile: true,
      logLevel: 'silent',
      ...(spec.external?.length ? { external: spec.external } : {}),
      ...(format === 'esm' ? { banner: { js: ESM_REQUIRE_BANNER } } : {}),
    });
    // Paths in the metafile are relative to esbuild's working directory (this process's).
    inputs = Object.keys(result.metafile.inputs)
      .filter((input) => !/(^|[\\/])node_modules[\\/]/.test(input) && !input.includes(':'))
      .map((input) => resolve(input));
  } catch (error) {
    const details = isBuildFailure(error) ? error.errors.map(describeMessage).join('; ') : String(error);
    throw new Error(`Lambda function "${spec.name}": esbuild could not bundle ${entryFile}: ${details}`, {
      cause: error,
    });
  }
  if (format === 'cjs') await writeFile(join(taskRoot, 'package.json'), '{"type":"commonjs"}\n');
  return { spec, bundlePath, exportName, format, taskRoot, sources: { files: inputs, folders: [] } };
}
