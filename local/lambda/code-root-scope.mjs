// On Lambda the function's folder is the task root: no package.json above it exists, so a `.js` file there is
// CommonJS unless a package.json inside the folder says `"type": "module"`. Run in place, the folder may sit in a
// project whose own package.json says "module" (a monorepo), and Node would then refuse `require` of those files.
// This makes CommonJS loading of `.js` files under the code folder follow Lambda's rule. Plain JavaScript: it runs
// in the sandbox worker, which has no TypeScript loader.
import { existsSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join, sep } from 'node:path';

/** `"type"` of the nearest package.json at or below `root` on the way up from `file`. */
function typeWithin(file, root) {
  for (let dir = dirname(file); dir.startsWith(root); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return JSON.parse(readFileSync(manifest, 'utf8')).type;
      } catch {
        return undefined;
      }
    }
    if (dir === root || dirname(dir) === dir) return undefined;
  }
  return undefined;
}

export function scopeCommonJsToCodeRoot(codeRoot) {
  const original = Module._extensions['.js'];
  Module._extensions['.js'] = function loadJs(module, filename) {
    if (filename.startsWith(codeRoot + sep) && typeWithin(filename, codeRoot) !== 'module') {
      return module._compile(readFileSync(filename, 'utf8'), filename);
    }
    return original.call(this, module, filename);
  };
}
