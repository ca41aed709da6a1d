import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseHandler } from './handler-spec.ts';
import type { BundledFunction, LambdaFunctionSpec } from './types.ts';

/** The extensions the Lambda Node.js runtime tries for a handler's module, in its order. */
const RUNTIME_EXTENSIONS = ['.js', '.mjs', '.cjs'];

/**
 * `"type"` of the nearest package.json above `file` (Node's own rule for `.js`): 'module' makes it ESM. The search
 * stops at the code folder, which is all Lambda gets (the task root).
 */
function nearestPackageType(file: string, codeFolder: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        const type = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type;
        return typeof type === 'string' ? type : undefined;
      } catch {
        return undefined; // Node itself refuses an unreadable package.json when it loads the file
      }
    }
    if (dir === codeFolder || dirname(dir) === dir) return undefined;
  }
}

/**
 * A Node.js function that runs where it is, unbundled, as Lambda runs a deployed folder: the handler's module
 * is `{module}.js`, `.mjs` or `.cjs` in the code folder, ESM for `.mjs` and for `.js` under a package.json with
 * `"type": "module"`, CommonJS otherwise. A TypeScript file there is named in the error: it needs a build.
 */
export function inPlaceFunction(spec: LambdaFunctionSpec): BundledFunction {
  const { modulePath, exportName } = parseHandler(spec.handler);
  const candidates = RUNTIME_EXTENSIONS.map((ext) => join(spec.codeUri, `${modulePath}${ext}`));
  const file = candidates.find((candidate) => existsSync(candidate));
  if (file === undefined) {
    const typescript = ['.ts', '.mts', '.cts']
      .map((ext) => `${modulePath}${ext}`)
      .find((name) => existsSync(join(spec.codeUri, name)));
    const hint =
      typescript === undefined
        ? ''
        : ` (${typescript} is TypeScript: Lambda runs JavaScript; add Metadata: BuildMethod: esbuild to build it)`;
    throw new Error(
      `Lambda function "${spec.name}": no file for handler "${spec.handler}" in ${spec.codeUri} ` +
        `(tried ${RUNTIME_EXTENSIONS.map((ext) => modulePath + ext).join(', ')})${hint}`,
    );
  }
  const esm =
    file.endsWith('.mjs') || (file.endsWith('.js') && nearestPackageType(file, resolve(spec.codeUri)) === 'module');
  return {
    spec,
    bundlePath: file,
    exportName,
    format: esm ? 'esm' : 'cjs',
    taskRoot: spec.codeUri,
    sources: { files: [], folders: [spec.codeUri] },
  };
}
