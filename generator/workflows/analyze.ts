import { definitionStrings, hasUnclosedPlaceholder, placeholderNames } from '../../lang/asl/placeholders.ts';
import { allStates, type AslState } from '../../lang/asl/states.ts';
import { parseTaskResource, type TaskResource } from '../../lang/asl/task-resources.ts';
import { problemLine, quoted } from '../config/errors.ts';
import type { WsConfig } from '../config/index.ts';
import { freeText } from '../config/names.ts';
import { placeholderList, wholePlaceholder, workflowSubstitutions } from './substitutions.ts';
import { TASK_GRANTS, type Grant, type TaskCheck, type TaskInput } from './task-grants.ts';

/** What a workflow definition needs from the template, or why the config cannot have it. */
export interface WorkflowAnalysis {
  /** One line per problem, each naming the state, where in it, the rule and the value. */
  problems: string[];
  /** The role's grants, one per distinct action and resource, in the order the Task states need them. */
  grants: Grant[];
  /** The placeholders the definition uses, in `DefinitionSubstitutions` order. */
  substitutions: string[];
}

/**
 * Paths, inside the definition or one state, of the states of a machine: the top level's, a Parallel branch's, a
 * Map processor's. Those states are visited on their own.
 */
const nestedStates = (path: string): boolean =>
  /^(States|Branches\[\d+\]\.States|ItemProcessor\.States|Iterator\.States)$/.test(path);

/**
 * Checks one definition against what the config declares and derives what it needs: every `${...}` must be a
 * placeholder the config provides (workflowSubstitutions), every Task state's Resource one the project runs
 * (lang/asl/task-resources.ts) on a resource the config declares, states nested in Parallel branches and Map
 * processors included. `field` is the config field the problems are reported under.
 */
export function analyzeWorkflow(
  definition: Record<string, unknown>,
  config: WsConfig,
  field: string,
): WorkflowAnalysis {
  const substitutions = workflowSubstitutions(config);
  const problems: string[] = [];
  const used = new Set<string>();
  const report = (where: string, rule: string, got: unknown) =>
    problems.push(problemLine(field, `${where}: ${rule}`, got));

  const scan = (where: string, value: unknown) => {
    for (const { path, text } of definitionStrings(value, nestedStates)) {
      const unicode = freeText.safeParse(text);
      if (!unicode.success) report(`${where} ${path}`, unicode.error.issues[0]!.message, text);
      if (hasUnclosedPlaceholder(text))
        report(`${where} ${path}`, 'has a "${" no "}" closes (CloudFormation reads ${...} as a substitution)', text);
      for (const name of placeholderNames(text)) {
        if (substitutions.has(name)) used.add(name);
        else
          report(
            `${where} ${path}`,
            `\${${name}} is not a substitution the config provides; use one of ${placeholderList(substitutions)}`,
            `\${${name}}`,
          );
      }
    }
    for (const { path, key } of cloudFormationIntrinsics(value)) {
      report(
        `${where} ${path || '(top)'}`,
        `{"${key}": ...} would be read by CloudFormation as an intrinsic function; use \${...} placeholders`,
        key,
      );
    }
  };
  scan('the definition', definition);

  const grants = new Map<string, Grant>();
  for (const { name, state } of allStates(definition)) {
    const where = `state ${quoted(name)}`;
    scan(where, state);
    if (state['QueryLanguage'] !== undefined && state['QueryLanguage'] !== 'JSONPath')
      report(where, 'QueryLanguage must be JSONPath (JSONata is not supported)', state['QueryLanguage']);
    if (state.Type !== 'Task') continue;
    if (state['Credentials'] !== undefined)
      report(
        `${where} Credentials`,
        "is not supported: the Task runs as the state machine's role",
        state['Credentials'],
      );
    const check = checkTask(state, { parameters: state['Parameters'], substitutions, config });
    for (const problem of check.problems) report(`${where} ${problem.at}`, problem.rule, problem.got);
    for (const grant of check.grants) grants.set(`${grant.action} ${JSON.stringify(grant.resource)}`, grant);
  }
  if (definition['QueryLanguage'] !== undefined && definition['QueryLanguage'] !== 'JSONPath') {
    report('the definition', 'QueryLanguage must be JSONPath (JSONata is not supported)', definition['QueryLanguage']);
  }
  return {
    problems,
    grants: [...grants.values()],
    substitutions: [...substitutions.keys()].filter((name) => used.has(name)),
  };
}

function checkTask(state: AslState, input: TaskInput): TaskCheck {
  const placeholder = wholePlaceholder(state['Resource']);
  const resource: TaskResource =
    placeholder !== undefined
      ? { kind: 'lambdaFunction', functionArn: state['Resource'] as string }
      : parseTaskResource(state['Resource']);
  if (resource.kind === 'unsupported')
    return { grants: [], problems: [{ at: 'Resource', rule: resource.reason, got: state['Resource'] }] };
  return grantsOf(resource, input);
}

function grantsOf(resource: Exclude<TaskResource, { kind: 'unsupported' }>, input: TaskInput): TaskCheck {
  // The map has a handler for every kind, and the one under `resource.kind` takes exactly this resource.
  const check = TASK_GRANTS[resource.kind] as (resource: TaskResource, input: TaskInput) => TaskCheck;
  return check(resource, input);
}

/**
 * Objects CloudFormation would take for intrinsic functions inside the template's `Definition`: exactly one key,
 * `Ref` or `Fn::…`. The definition must reach Step Functions as written.
 */
function cloudFormationIntrinsics(value: unknown, path = ''): Array<{ path: string; key: string }> {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => cloudFormationIntrinsics(item, `${path}[${index}]`));
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) return [{ path, key: keys[0]! }];
  return Object.entries(value).flatMap(([key, item]) => {
    const at = path === '' ? key : `${path}.${key}`;
    return nestedStates(at) ? [] : cloudFormationIntrinsics(item, at);
  });
}
