import { getAtt, ref, sub, type CfnValue } from '../../cfn/types.ts';
import type { WsConfig } from '../config/index.ts';
import { configFunctionId, declaredTableId, LOGICAL_IDS } from '../naming.ts';

/** What a `${...}` placeholder of a workflow definition stands for. */
export type SubstitutionTarget =
  | { kind: 'connectionsEndpoint' }
  | { kind: 'connectionsStage' }
  | { kind: 'sessionsTable' }
  | { kind: 'function'; name: string }
  | { kind: 'table'; name: string };

export interface Substitution {
  target: SubstitutionTarget;
  /** The `DefinitionSubstitutions` value. */
  value: CfnValue;
}

/** The placeholder of a table in `tables`. */
export const tablePlaceholder = (name: string): string => `Table_${name}`;

/** The placeholder of a function in `functions`. */
export const functionPlaceholder = (name: string): string => `Function_${name}`;

/**
 * Every placeholder a workflow of this config may use, in the order `DefinitionSubstitutions` lists them.
 * `ApiEndpoint` and `Stage` are the names the built-in `wait-then-notify` always used (so its template did not
 * change) and the names of the `apigateway:invoke` fields they fill. Keys are letters, digits and `_` only:
 * CloudFormation documents the syntax as `${key_name}`, nothing about dots.
 */
export function workflowSubstitutions(config: WsConfig): Map<string, Substitution> {
  const substitutions = new Map<string, Substitution>([
    [
      'ApiEndpoint',
      {
        target: { kind: 'connectionsEndpoint' },
        value: sub(`\${${LOGICAL_IDS.api}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`),
      },
    ],
    ['Stage', { target: { kind: 'connectionsStage' }, value: ref(LOGICAL_IDS.stageParameter) }],
    ['SessionsTable', { target: { kind: 'sessionsTable' }, value: ref(LOGICAL_IDS.sessionsTable) }],
  ]);
  for (const name of Object.keys(config.functions)) {
    substitutions.set(functionPlaceholder(name), {
      target: { kind: 'function', name },
      value: getAtt(configFunctionId(name), 'Arn'),
    });
  }
  for (const name of Object.keys(config.tables)) {
    substitutions.set(tablePlaceholder(name), { target: { kind: 'table', name }, value: ref(declaredTableId(name)) });
  }
  return substitutions;
}

/** `${A}, ${B}`: the known placeholders, for messages. */
export function placeholderList(substitutions: Map<string, Substitution>): string {
  return [...substitutions.keys()].map((name) => `\${${name}}`).join(', ');
}

/** The one placeholder `text` consists of (`${Function_compose}` → `Function_compose`), or undefined. */
export function wholePlaceholder(text: unknown): string | undefined {
  return typeof text === 'string' ? /^\$\{([A-Za-z0-9_]+)\}$/.exec(text)?.[1] : undefined;
}
