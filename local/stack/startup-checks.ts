import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import type { LocalLog } from '../shared/log.ts';
import {
  checkProperties,
  loadLocalTemplate,
  stateMachinesFromTemplate,
  type LocalRoute,
  type LocalTemplate,
} from '../template/index.ts';
import type { FunctionPlan } from './functions.ts';
import { qualifiedRouteTargets, unrunnableRouteTargets } from './route-targets.ts';
import { unrunnableTaskTargets } from './task-targets.ts';
import { reportTemplate } from './template-report.ts';

export interface StackTemplateSource {
  /** Absolute path of the template, named in every error. */
  templateFile: string;
  text: string;
  stackName: string;
  region: string;
  accountId: string;
  parameterOverrides?: Record<string, string>;
}

/**
 * The template the stack runs, refused when it sets something the local stack does not emulate (it would behave
 * otherwise than AWS); `settingsNotEmulated` are those it runs with a difference (for the start summary).
 */
export function readStackTemplate(
  source: StackTemplateSource,
  log: LocalLog,
): { template: LocalTemplate; settingsNotEmulated: string[] } {
  const madeUpSecrets: string[] = [];
  const template = loadLocalTemplate(source.text, {
    stackName: source.stackName,
    region: source.region,
    accountId: source.accountId,
    source: source.templateFile,
    baseDir: dirname(source.templateFile),
    ...(source.parameterOverrides ? { parameterOverrides: source.parameterOverrides } : {}),
    // A secret parameter nobody chose (OriginSecret): a random one for this run, which only the template's resources know.
    secretParameterValue: (name) => {
      madeUpSecrets.push(name);
      return randomBytes(32).toString('hex');
    },
  });
  if (madeUpSecrets.length > 0)
    log(
      `parameters: ${madeUpSecrets.join(', ')}: NoEcho without a value; a random one for this run (--parameter ${madeUpSecrets[0]}=… chooses one)`,
    );
  const properties = checkProperties(template);
  if (properties.refused.length > 0) {
    throw new Error(
      `${source.templateFile}: settings the local stack does not emulate (it would behave otherwise than AWS):\n  ${properties.refused.join('\n  ')}`,
    );
  }
  return { template, settingsNotEmulated: properties.warned };
}

/**
 * Refuses to start when a route or a workflow Task targets something that cannot run locally (rather than fail it
 * later), then says once what the template has that is not emulated (template-report.ts).
 */
export function checkRunnable(
  template: LocalTemplate,
  routes: LocalRoute[],
  functions: FunctionPlan,
  settingsNotEmulated: readonly string[],
  templateFile: string,
  log: LocalLog,
): void {
  const unrunnableRoutes = unrunnableRouteTargets(routes, functions);
  const unrunnableTasks = unrunnableTaskTargets(stateMachinesFromTemplate(template), functions);
  if (unrunnableRoutes.length + unrunnableTasks.length > 0) {
    const what = [unrunnableRoutes.length > 0 ? 'routes' : '', unrunnableTasks.length > 0 ? 'workflow Tasks' : '']
      .filter(Boolean)
      .join(' and ');
    throw new Error(
      `${templateFile}: ${what} the local stack cannot run:\n  ${[...unrunnableRoutes, ...unrunnableTasks].join('\n  ')}`,
    );
  }
  reportTemplate(template, functions, settingsNotEmulated, log);
  for (const line of qualifiedRouteTargets(routes, functions.names)) log(`not emulated: ${line}`, 'warn');
}
