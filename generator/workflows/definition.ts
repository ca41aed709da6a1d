import type { StepFunctionsRoute } from '../config/index.ts';
import type { GeneratorContext } from '../context.ts';

/**
 * A route's workflow definition: a built-in shape rendered from its ASL partial (templates/asl/), or the
 * user's file the config loader read. Both then go through the same analysis (analyze.ts).
 */
export function workflowDefinition(
  key: string,
  route: StepFunctionsRoute,
  context: GeneratorContext,
): Record<string, unknown> {
  const { workflow } = route;
  if (workflow.template !== undefined)
    return JSON.parse(context.partials.render(`asl/${workflow.template}`, workflow)) as Record<string, unknown>;
  const resolved = context.workflows.get(key);
  if (!resolved) throw new Error(`no resolved workflow definition for route ${key}`);
  return structuredClone(resolved.definition);
}

/** The config field a route's workflow problems are reported under. */
export function workflowField(key: string, route: StepFunctionsRoute): string {
  return `routes.${key}.workflow.${route.workflow.template !== undefined ? 'template' : 'definition'}`;
}
