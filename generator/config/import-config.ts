/**
 * Imports a `ws.config.ts` and returns its module. Under a TypeScript loader (tsx: development, the tests) Node
 * imports it as it is. The compiled CLIs (dist/, bin/compiled.mjs) run on plain Node, so there esbuild compiles the
 * config and whatever it imports into one JavaScript module first (whether or not the Node version strips types).
 * In that module the generator's config API is only what a config calls at run time (define-config.ts,
 * ConfigError): the rest of index.ts (zod, the schemas) is types to a config, and compiling it in would cost
 * more than the whole generator run.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildOptions, Message, Plugin } from 'esbuild';
import { fingerprint, unchanged, type Fingerprint } from '../../shared/file-fingerprint.mjs';
import { packageCacheFolder, packageFile } from '../../shared/package-file.ts';
import { ConfigError, problemLine } from './errors.ts';

const CONFIG_API = packageFile(import.meta.url, 'generator/config/index.ts');

export async function importConfigModule(file: string): Promise<unknown> {
  const url = pathToFileURL(file).href;
  if (runningFromSource()) return import(url);
  return import(`data:text/javascript;base64,${Buffer.from(await compiledConfig(file, url)).toString('base64')}`);
}

/**
 * Whether this module is TypeScript itself, run by a loader (tsx: development, the tests): then Node imports the
 * config as it is, into the same module graph. A compiled CLI always compiles the config, on every Node version:
 * Node 22's type stripping would import the config, but then the generator's own sources behind its config API
 * (whose classes use parameter properties, which stripping refuses: ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX), a second
 * copy of them beside the bundle's; and on Node 20 the attempt can only throw ERR_UNKNOWN_FILE_EXTENSION.
 */
function runningFromSource(): boolean {
  return import.meta.url.endsWith('.ts');
}

interface CachedConfig {
  inputs: Fingerprint;
  code: string;
}

/**
 * The config compiled, from a cache when nothing it was compiled from changed: starting esbuild costs more than
 * the rest of a `generate --check` run. One cache file per config, named by a hash of its path.
 */
async function compiledConfig(file: string, url: string): Promise<string> {
  const cacheFile = join(
    packageCacheFolder(import.meta.url, 'configs'),
    `${createHash('sha256').update(file).digest('hex')}.json`,
  );
  try {
    const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as CachedConfig;
    if (unchanged('/', cached.inputs)) return cached.code;
  } catch {
    // Absent or unreadable: compile.
  }
  const { code, inputs } = await compileConfig(file, url);
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(
      `${cacheFile}.${process.pid}`,
      JSON.stringify({ inputs: fingerprint('/', inputs), code } satisfies CachedConfig),
    );
    renameSync(`${cacheFile}.${process.pid}`, cacheFile);
  } catch {
    // Not writable: the next run compiles again.
  }
  return code;
}

async function compileConfig(file: string, url: string): Promise<{ code: string; inputs: string[] }> {
  const { build } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const result = await build({ ...compileOptions(file, url), metafile: true }).catch((error: unknown) => {
    throw compileError(file, error);
  });
  const inputs = Object.keys(result.metafile.inputs).map((input) => resolve(input));
  return { code: result.outputFiles[0]!.text, inputs };
}

function compileOptions(file: string, url: string): BuildOptions & { write: false } {
  return {
    entryPoints: [file],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    // The config sees its own location, as when Node imports it; CommonJS packages it bundles may call require.
    define: {
      'import.meta.url': JSON.stringify(url),
      'import.meta.dirname': JSON.stringify(dirname(file)),
      'import.meta.filename': JSON.stringify(file),
    },
    banner: {
      js: `import { createRequire as __configCreateRequire } from 'node:module'; const require = __configCreateRequire(${JSON.stringify(url)});`,
    },
    plugins: [configApiOnly(CONFIG_API)],
  };
}

/** esbuild's errors (a syntax error, an import that does not resolve) as a ConfigError naming file, line and column. */
function compileError(file: string, error: unknown): unknown {
  const { errors } = error as { errors?: Message[] };
  if (!Array.isArray(errors) || errors.length === 0) return error;
  const source = relative(process.cwd(), file) || file;
  return new ConfigError(
    source,
    errors.map(({ text, location }) =>
      problemLine(
        '(file)',
        `does not compile: ${text}`,
        location
          ? `${relative(process.cwd(), resolve(location.file)) || location.file}:${location.line}:${location.column + 1}`
          : file,
      ),
    ),
  );
}

/** Imports of the generator's config API resolve to its run-time part only. */
function configApiOnly(configApi: string): Plugin {
  const runtimeApi = join(dirname(configApi), 'config-runtime-api.ts');
  return {
    name: 'config-api-only',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'resolved') return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          pluginData: 'resolved',
        });
        return resolved.path === configApi ? { path: runtimeApi } : undefined;
      });
    },
  };
}
