// Where a function's bare imports go when its own folder has no such package, as on Lambda: first the layers'
// `nodejs/node_modules` (what Lambda extracts to /opt; a later layer's files replace an earlier one's), then the
// AWS SDK for JavaScript v3 that the runtime provides. Locally the SDK is this package's own copy, so only the
// `@aws-sdk/*` packages it installs are provided (package.json "dependencies"); the function's own copy wins.
// Plain JavaScript: it runs in the sandbox worker, which has no TypeScript loader.
import Module, { createRequire, register } from 'node:module';
import { join } from 'node:path';

const PROVIDED_SCOPE = '@aws-sdk/';
const ownRequire = createRequire(import.meta.url);

/** Folders to search, in order, for a package of the function's layers. */
export function layerModuleDirs(layers) {
  const nodeMajor = process.versions.node.split('.')[0];
  return [...layers]
    .reverse()
    .flatMap((layer) => [
      join(layer, 'nodejs', `node${nodeMajor}`, 'node_modules'),
      join(layer, 'nodejs', 'node_modules'),
    ]);
}

const isBare = (specifier) => !/^(\.|\/|[a-zA-Z]+:)/.test(specifier);

/** The file a bare specifier the function could not find resolves to, or undefined. */
function fallbackResolve(specifier, moduleDirs) {
  for (const dir of moduleDirs) {
    try {
      return ownRequire.resolve(specifier, { paths: [dir] });
    } catch {
      /* not in this layer */
    }
  }
  if (!specifier.startsWith(PROVIDED_SCOPE)) return undefined;
  try {
    return ownRequire.resolve(specifier);
  } catch {
    return undefined;
  }
}

/** Makes CommonJS `require` and ESM `import` of the function fall back to its layers and the provided SDK. */
export function installModuleFallback(moduleDirs, esm) {
  const original = Module._resolveFilename;
  Module._resolveFilename = function resolveWithFallback(request, parent, isMain, options) {
    try {
      return original.call(this, request, parent, isMain, options);
    } catch (error) {
      const found =
        error?.code === 'MODULE_NOT_FOUND' && isBare(request) ? fallbackResolve(request, moduleDirs) : undefined;
      if (found === undefined) throw error;
      return found;
    }
  };
  // ESM resolution has no such function to wrap: module hooks (one hooks thread for this worker).
  if (esm)
    register('./module-fallback-hooks.mjs', import.meta.url, { data: { moduleDirs, providedFrom: import.meta.url } });
}
