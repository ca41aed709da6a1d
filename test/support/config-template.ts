/** The template a config object generates, for generator tests that read resources and policies out of it. */
import type { CfnObject, CfnTemplate } from '../../cfn/types.ts';
import { parseConfig } from '../../generator/config/index.ts';
import { generateTemplate, type ResolvedHandler } from '../../generator/index.ts';

const HANDLER: ResolvedHandler = { codeUri: 'handlers/', entryPoint: 'h.ts', handler: 'h.handler' };

/** `raw` (with no routes unless it gives them) generated, every route and function served by one handler, as JSON. */
export function templateOf(raw: Record<string, unknown>): CfnTemplate {
  const config = parseConfig({ routes: {}, ...raw });
  return JSON.parse(
    JSON.stringify(
      generateTemplate(config, {
        handlers: new Map(Object.keys(config.routes).map((key) => [key, HANDLER])),
        functions: new Map(Object.keys(config.functions).map((name) => [name, HANDLER])),
      }),
    ),
  ) as CfnTemplate;
}

export const propertiesOf = (template: CfnTemplate, id: string) => template.Resources[id]!.Properties as CfnObject;

/** The statements of a function's inline policy (none when it has no `Policies`). */
export const policyStatements = (template: CfnTemplate, id: string) =>
  ((propertiesOf(template, id)['Policies'] as CfnObject[] | undefined)?.[0]?.['Statement'] as
    | CfnObject[]
    | undefined) ?? [];

/** A statement as the generator writes one: one action on one resource. */
export const allow = (action: string, resource: unknown) => ({
  Effect: 'Allow',
  Action: [action],
  Resource: [resource],
});
