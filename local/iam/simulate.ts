import { runSimulation, type SimulationIdentityPolicy } from '@cloud-copilot/iam-simulate';
import type { DecidingStatement, NamedPolicy, PolicyDocument } from './types.ts';

/** The only module that talks to @cloud-copilot/iam-simulate: one request, AWS's evaluation logic, a plain result. */
export interface SimulationInput {
  principal: string;
  action: string;
  resource: string;
  accountId: string;
  context: Record<string, string | string[]>;
  identityPolicies: NamedPolicy[];
  resourcePolicy: PolicyDocument | undefined;
}

export type SimulationOutcome =
  | {
      kind: 'decided';
      result: 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
      /** An Allow that matched (identity or resource policy), or the Deny that decided. */
      statement: DecidingStatement | undefined;
      /** Condition keys of statements whose action and resource matched, absent from the request. */
      missingConditionKeys: string[];
    }
  /** The library refused the input: an unknown action, a policy it cannot parse, … (its message names it). */
  | { kind: 'invalid'; message: string };

interface Analysed {
  policyId?: string;
  statement: { index(): number; sid(): string | undefined };
  actionMatch: boolean;
  resourceMatch: boolean;
  explain: {
    conditions?: Array<{ conditionKeyValue: string; failedBecauseMissing?: boolean; matchedBecauseMissing?: boolean }>;
  };
}
interface Analysis {
  allowStatements: Analysed[];
  denyStatements: Analysed[];
  unmatchedStatements: Analysed[];
}

const RESOURCE_POLICY = 'resource-based policy';
const toStatement = (analysed: Analysed): DecidingStatement => ({
  policy: analysed.policyId ?? RESOURCE_POLICY,
  index: analysed.statement.index() - 1,
  sid: analysed.statement.sid(),
});

export async function simulate(input: SimulationInput): Promise<SimulationOutcome> {
  const identityPolicies: SimulationIdentityPolicy[] = input.identityPolicies.map((p) => ({
    name: p.name,
    policy: p.document,
  }));
  const response = await runSimulation(
    {
      request: {
        principal: input.principal,
        action: input.action,
        contextVariables: input.context,
        resource: { resource: input.resource, accountId: input.accountId },
      },
      identityPolicies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(input.resourcePolicy ? { resourcePolicy: input.resourcePolicy } : {}),
    },
    { simulationMode: 'Strict' },
  );
  if (response.resultType === 'error') return { kind: 'invalid', message: describeErrors(response.errors) };
  if (response.resultType !== 'single') {
    // A resource with `*` runs the library's pattern mode; callers never send one (evaluator refuses it).
    return { kind: 'invalid', message: `resource ${input.resource} was evaluated as a pattern` };
  }
  const analysis = response.result.analysis;
  const parts = [analysis.identityAnalysis, analysis.resourceAnalysis].filter(
    (a): a is NonNullable<typeof a> => a !== undefined,
  ) as unknown as Analysis[];
  const all = parts.flatMap((part) => [...part.allowStatements, ...part.denyStatements, ...part.unmatchedStatements]);
  const missing = new Set<string>();
  for (const analysed of all) {
    if (!analysed.actionMatch || !analysed.resourceMatch) continue;
    for (const condition of analysed.explain.conditions ?? []) {
      if (condition.failedBecauseMissing || condition.matchedBecauseMissing) missing.add(condition.conditionKeyValue);
    }
  }
  const decisive =
    analysis.result === 'ExplicitlyDenied'
      ? parts.flatMap((part) => part.denyStatements)[0]
      : parts.flatMap((part) => part.allowStatements)[0];
  return {
    kind: 'decided',
    result: analysis.result,
    statement: decisive === undefined || analysis.result === 'ImplicitlyDenied' ? undefined : toStatement(decisive),
    missingConditionKeys: [...missing].sort(),
  };
}

function describeErrors(errors: { message: string }): string {
  const details = Object.entries(errors)
    .filter(([key]) => key !== 'message')
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
  return [errors.message, ...details].join('; ');
}

/**
 * What iam-simulate's validator finds wrong with a set of policies, each message naming the policy (the
 * resource policy by `resourcePolicyName`): the documents are checked once, at start, as IAM checks them
 * when CloudFormation creates them (MalformedPolicyDocument). The request itself is only a carrier.
 */
export async function policyProblems(
  input: Omit<SimulationInput, 'context' | 'accountId'>,
  resourcePolicyName: string,
): Promise<string[]> {
  const response = await runSimulation(
    {
      request: {
        principal: input.principal,
        action: input.action,
        resource: { resource: input.resource, accountId: input.resource.split(':')[4] ?? '' },
        contextVariables: {},
      },
      identityPolicies: input.identityPolicies.map((p) => ({ name: p.name, policy: p.document })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(input.resourcePolicy ? { resourcePolicy: input.resourcePolicy } : {}),
    },
    { simulationMode: 'Strict' },
  );
  if (response.resultType !== 'error') return [];
  const { identityPolicyErrors = {}, resourcePolicyErrors = [] } = response.errors;
  const describe = (name: string, errors: Array<{ message: string; path: string }>) =>
    errors.map((e) => `${name}: ${e.path}: ${e.message}`);
  const problems = [
    ...Object.entries(identityPolicyErrors).flatMap(([name, errors]) => describe(name, errors)),
    ...describe(resourcePolicyName, resourcePolicyErrors),
  ];
  return problems.length > 0 ? problems : [`${resourcePolicyName}: ${response.errors.message}`];
}
