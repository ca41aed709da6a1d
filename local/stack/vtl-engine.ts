import { VTL_ENGINE_MODES, createVtlEngine, type VtlEngine, type VtlEngineMode } from '../../lang/vtl/index.ts';
import type { LocalLog } from '../shared/log.ts';
import { type OptionProblems, collectOptionProblems } from '../shared/options.ts';
import type { LocalRoute } from '../template/index.ts';

/**
 * `APIGW_WS_VTL_ENGINE=interpreted` rules the compiled path out where no flag reaches the stack (a test or a bench
 * that starts it in code); the `vtlEngine` option, when given, wins.
 */
export const VTL_ENGINE_ENV = 'APIGW_WS_VTL_ENGINE';

/** The `vtlEngine` option, else the environment variable, else 'compiled'; a bad value of either is a problem. */
export function chooseVtlEngine(
  option: unknown,
  problems: OptionProblems,
  env: NodeJS.ProcessEnv = process.env,
): VtlEngineMode {
  const rule = `must be ${VTL_ENGINE_MODES.map((mode) => `'${mode}'`).join(' or ')}`;
  const modeOf = (value: unknown) => VTL_ENGINE_MODES.find((mode) => mode === value);
  if (option !== undefined) {
    if (modeOf(option) === undefined) problems.add('vtlEngine', option, rule);
    return modeOf(option) ?? 'compiled';
  }
  const value = env[VTL_ENGINE_ENV];
  if (value === undefined || value === '') return 'compiled';
  if (modeOf(value) === undefined) problems.add(`environment variable ${VTL_ENGINE_ENV}`, value, rule);
  return modeOf(value) ?? 'compiled';
}

/**
 * The stack's mapping-template engine, with every request and response template of the routes parsed and
 * compiled now, at start, rather than on the first connection or message that uses it. Templates kept on
 * velocityjs (a construct the compiled path does not implement) are named at debug level.
 */
export function stackVtlEngine(
  routes: readonly LocalRoute[],
  option: VtlEngineMode | undefined,
  log: LocalLog,
): VtlEngine {
  // checkStackOptions has already refused a bad option or environment value with every other problem.
  const mode = chooseVtlEngine(option, collectOptionProblems('startLocalStack'));
  const engine = createVtlEngine({ engine: mode, log: (message) => log(message, 'debug') });
  for (const route of routes) {
    for (const template of Object.values(route.integration.requestTemplates ?? {})) engine.prepare?.(template);
    for (const response of route.integrationResponses) {
      for (const template of Object.values(response.templates)) engine.prepare?.(template);
    }
  }
  return engine;
}
