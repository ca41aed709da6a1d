import { existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { LambdaFunctionSpec } from './types.ts';

/** `default.handler` → module `default`, export `handler`; `src/app.main` → `src/app`, `main`. */
export function parseHandler(handler: string): { modulePath: string; exportName: string } {
  const dot = handler.lastIndexOf('.');
  return { modulePath: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}

const SOURCE_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/**
 * The file esbuild starts from. As with SAM: the entry point whose name matches the handler's
 * module, else the only entry point, else the handler's module file itself.
 */
export function resolveEntryFile(spec: LambdaFunctionSpec): string {
  const { modulePath } = parseHandler(spec.handler);
  const entryPoints = spec.entryPoints ?? [];
  const stem = (file: string): string => file.slice(0, file.length - extname(file).length);
  const matching = entryPoints.find(
    (entry) => stem(entry) === modulePath || basename(stem(entry)) === basename(modulePath),
  );
  const chosen = matching ?? (entryPoints.length === 1 ? entryPoints[0] : undefined);
  if (chosen !== undefined) return join(spec.codeUri, chosen);
  const candidates = SOURCE_EXTENSIONS.map((ext) => join(spec.codeUri, `${modulePath}${ext}`));
  const found = candidates.find((file) => existsSync(file));
  if (found === undefined) {
    throw new Error(
      `Lambda function "${spec.name}": no entry file for handler "${spec.handler}" in ${spec.codeUri} ` +
        `(tried ${SOURCE_EXTENSIONS.map((ext) => modulePath + ext).join(', ')}; set entryPoints)`,
    );
  }
  return found;
}
