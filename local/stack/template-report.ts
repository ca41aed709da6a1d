import type { LocalLog } from '../shared/log.ts';
import { TYPES_NOT_EMULATED, type LocalTemplate } from '../template/index.ts';
import type { FunctionPlan } from './functions.ts';

/**
 * What the stack says once at start about the template: the resources it does not emulate (grouped by type),
 * the functions that do not run and why, every property the template sets that is not emulated (`settingsNotEmulated`,
 * from checkProperties) and every warning of the loader and the function plan (all at warn level, so `--quiet` still
 * shows them).
 */
export function reportTemplate(
  template: LocalTemplate,
  functions: FunctionPlan,
  settingsNotEmulated: readonly string[],
  log: LocalLog,
): void {
  const byType = new Map<string, string[]>();
  for (const { type, logicalId } of template.notEmulated) byType.set(type, [...(byType.get(type) ?? []), logicalId]);
  for (const [type, ids] of byType) {
    const why = Object.hasOwn(TYPES_NOT_EMULATED, type) ? `: ${TYPES_NOT_EMULATED[type]}` : '';
    log(`not emulated: ${type} (${ids.join(', ')})${why}`, 'warn');
  }
  for (const reason of functions.notRun.values()) log(`not run: ${reason}`, 'warn');
  for (const setting of settingsNotEmulated) log(`not emulated: ${setting}`, 'warn');
  for (const warning of [...template.warnings, ...functions.warnings]) log(`warning: ${warning}`, 'warn');
  const runtimes = [...new Set(functions.specs.map((spec) => spec.runtime).filter((runtime) => runtime !== undefined))];
  const node = runtimes.filter((runtime) => runtime.startsWith('nodejs'));
  if (node.length > 0) log(`${node.join(', ')} functions run on this machine's Node.js ${process.versions.node}`);
}
