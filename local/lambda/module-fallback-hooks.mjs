// ESM resolve hook of module-fallback.mjs: the same fallback for `import` (layers, then the provided SDK).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';

let moduleDirs = [];
let providedFrom = '';

export function initialize(data) {
  moduleDirs = data.moduleDirs;
  providedFrom = data.providedFrom;
}

const isBare = (specifier) => !/^(\.|\/|[a-zA-Z]+:)/.test(specifier);

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !isBare(specifier)) throw error;
    // Resolving "from" a file inside each folder makes Node search that folder's node_modules chain.
    const parents = moduleDirs.map((dir) => pathToFileURL(join(dir, '..', 'from-layer.mjs')).href);
    if (specifier.startsWith('@aws-sdk/')) parents.push(providedFrom);
    for (const parentURL of parents) {
      try {
        return await nextResolve(specifier, { ...context, parentURL });
      } catch {
        /* not there */
      }
    }
    throw error;
  }
}
