import { policyProblems } from './simulate.ts';
import type { TemplatePolicies } from './types.ts';

/**
 * Every policy of the template through iam-simulate's validator: each role's policies with its trust
 * policy (carried by an `sts:AssumeRole` request), and each function's resource policy (carried by a
 * `lambda:InvokeFunction` request). A document IAM would refuse is named with its role or function.
 */
export async function validateTemplatePolicies(policies: TemplatePolicies): Promise<string[]> {
  const problems: string[] = [];
  for (const role of policies.roles) {
    const found = await policyProblems(
      {
        principal: 'sts.amazonaws.com',
        action: 'sts:AssumeRole',
        resource: role.arn,
        identityPolicies: role.policies,
        resourcePolicy: role.trustPolicy,
      },
      `${role.logicalId}/AssumeRolePolicyDocument`,
    );
    problems.push(...found.map((problem) => `role ${role.logicalId}: ${problem}`));
  }
  for (const [functionArn, document] of policies.functionPolicies) {
    const found = await policyProblems(
      {
        principal: 'apigateway.amazonaws.com',
        action: 'lambda:InvokeFunction',
        resource: functionArn,
        identityPolicies: [],
        resourcePolicy: document,
      },
      'resource-based policy (AWS::Lambda::Permission)',
    );
    problems.push(...found.map((problem) => `function ${functionArn}: ${problem}`));
  }
  return problems;
}
