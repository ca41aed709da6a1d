import { existsSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { ResolvedFiles, ResolvedHandler } from '../context.ts';
import { ConfigError, problemLine } from './errors.ts';
import { parseConfig, type WsConfig } from './index.ts';
import { loadWorkflows } from './load-workflows.ts';
import { dispatchRoute, type RouteKindHandlers } from './route-kinds.ts';
import { packageFile } from '../../shared/package-file.ts';
import { importConfigModule } from './import-config.ts';

/** A config file, validated, with every file it names resolved: pass it to generateTemplate as its options. */
export interface LoadedConfig extends Required<ResolvedFiles> {
  file: string;
  config: WsConfig;
  /** Where the template goes: `template.yaml` beside the config. */
  templateFile: string;
}

/**
 * Import a `ws.config.ts` (its default export), validate it, and resolve the files it names relative
 * to it: handlers, and workflow definitions (read and checked, load-workflows.ts). Every problem,
 * including missing files, is reported in one ConfigError.
 */
export async function loadConfigFile(
  file: string,
  options: { importModule?: (url: string) => Promise<unknown> } = {},
): Promise<LoadedConfig> {
  const absolute = resolve(file);
  const source = relative(process.cwd(), absolute) || absolute;
  if (!existsSync(absolute)) throw new ConfigError(source, [`(file): does not exist (got ${JSON.stringify(file)})`]);
  // `importModule`: watch mode imports an edited config (and what it imports) afresh; import() would give the cached one.
  const module = (await (options.importModule
    ? options.importModule(pathToFileURL(absolute).href)
    : importConfigModule(absolute))) as { default?: unknown };
  if (module.default === undefined)
    throw new ConfigError(source, ['(file): must `export default defineConfig({...})` (got no default export)']);
  const config = parseConfig(module.default, source);
  const directory = dirname(absolute);
  const handlers = new Map<string, ResolvedHandler>();
  const functions = new Map<string, ResolvedHandler>();
  const problems: string[] = [];
  const add = (key: string, handlerFile: string, field: string, given: string, into = handlers) => {
    if (existsSync(handlerFile)) into.set(key, resolvedHandler(directory, handlerFile));
    else problems.push(problemLine(field, 'file does not exist relative to the config', given));
  };
  for (const [key, route] of Object.entries(config.routes)) {
    const handler = dispatchRoute(ROUTE_HANDLER_FILES, route, key, directory);
    if (handler !== undefined) add(key, handler.file, handler.field, handler.given);
  }
  if (config.connect.subprotocols.length > 0)
    add(CONNECT_HANDLER_KEY, builtInHandler('connect.ts'), 'connect.subprotocols', 'built-in handler');
  if (config.sessions.identity !== undefined)
    add(
      SEND_TO_IDENTITY_FUNCTION_KEY,
      builtInHandler('send-to-identity-backend.ts'),
      'sessions.identity',
      'built-in handler',
    );
  const { authorization } = config.connect;
  if (authorization.type === 'REQUEST')
    add(
      AUTHORIZER_HANDLER_KEY,
      resolve(directory, authorization.handler),
      'connect.authorization.handler',
      authorization.handler,
    );
  for (const [name, fn] of Object.entries(config.functions))
    add(name, resolve(directory, fn.handler), `functions.${name}.handler`, fn.handler, functions);
  const { workflows, problems: workflowProblems } = loadWorkflows(config, directory);
  problems.push(...workflowProblems);
  if (problems.length > 0) throw new ConfigError(source, problems);
  return { file: absolute, config, templateFile: resolve(directory, 'template.yaml'), handlers, functions, workflows };
}

/** A route's Lambda handler file, and the config field (and its value) that names it. */
interface HandlerFile {
  file: string;
  field: string;
  given: string;
}

/** The handler file each kind of route runs, if it runs one (`$connect` with subprotocols is the config's, not its kind's). */
export const ROUTE_HANDLER_FILES: RouteKindHandlers<[key: string, configDirectory: string], HandlerFile | undefined> = {
  dynamodb: () => undefined,
  lambda: (route, key, configDirectory) => ({
    file: resolve(configDirectory, route.handler),
    field: `routes.${key}.handler`,
    given: route.handler,
  }),
  stepFunctions: () => undefined,
  sendToIdentity: (route, key) => ({
    file: builtInHandler('send-to-identity.ts'),
    field: `routes.${key}.integration`,
    given: route.integration,
  }),
};

/** Keys of the handlers that are not a message route's own. */
export const CONNECT_HANDLER_KEY = '$connect';
export const AUTHORIZER_HANDLER_KEY = '$authorizer';
export const SEND_TO_IDENTITY_FUNCTION_KEY = '$sendToIdentity';

/** The project's own handlers (the subprotocol `$connect`, `sendToIdentity`), shared by every config. */
function builtInHandler(file: string): string {
  return packageFile(import.meta.url, join('handlers', file));
}

function resolvedHandler(configDirectory: string, handlerFile: string): ResolvedHandler {
  const codeUri = relative(configDirectory, dirname(handlerFile)).replace(/\\/g, '/') || '.';
  const entryPoint = basename(handlerFile);
  return { codeUri: `${codeUri}/`, entryPoint, handler: `${entryPoint.replace(/\.ts$/, '')}.handler` };
}

/** The project's config files: `ws.config.ts`, then `examples/<name>/ws.config.ts` in name order. */
export function configFiles(root: string): string[] {
  const examples = join(root, 'examples');
  const exampleConfigs = existsSync(examples)
    ? readdirSync(examples)
        .sort()
        .map((name) => join(examples, name, 'ws.config.ts'))
        .filter((file) => existsSync(file))
    : [];
  return [join(root, 'ws.config.ts'), ...exampleConfigs];
}
