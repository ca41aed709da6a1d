import { collectOptionProblems } from '../shared/options.ts';
import { TemplateError } from './errors.ts';
import { hashedId, hashedUuid } from './hash.ts';
import type { LoadTemplateOptions } from './types.ts';

/** The stack identity after validation and defaults. */
export interface StackIdentity {
  stackName: string;
  region: string;
  accountId: string;
  apiId: string;
  partition: string;
  urlSuffix: string;
}

const RULES: [key: keyof LoadTemplateOptions, pattern: RegExp, rule: string][] = [
  [
    'stackName',
    /^[A-Za-z][A-Za-z0-9-]{0,127}$/,
    'a letter, then letters, digits or - (at most 128), as CloudFormation requires',
  ],
  ['region', /^[a-z]{2}(-[a-z]+)+-\d+$/, 'a region name like us-east-1'],
  ['accountId', /^\d{12}$/, '12 digits'],
  ['apiId', /^[a-z0-9]{1,63}$/, 'lowercase letters and digits (it becomes part of a host name)'],
];

export function stackIdentity(options: LoadTemplateOptions): StackIdentity {
  if (typeof options !== 'object' || options === null)
    throw new TemplateError('loadLocalTemplate: options are required');
  const problems = collectOptionProblems('loadLocalTemplate', TemplateError);
  for (const [key, pattern, rule] of RULES) {
    const value = options[key];
    if (value === undefined && key === 'apiId') continue;
    if (typeof value !== 'string' || !pattern.test(value)) problems.add(key, value, `must be ${rule}`);
  }
  problems.throwIfAny();
  return {
    stackName: options.stackName,
    region: options.region,
    accountId: options.accountId,
    // AWS API ids are 10 lowercase characters; the stack name alone decides the local one.
    apiId: options.apiId ?? hashedId(options.stackName, 10),
    partition: 'aws',
    urlSuffix: 'amazonaws.com',
  };
}

/** Values of `Ref: AWS::*` (AWS::NoValue is handled by the resolver). */
export function pseudoParameters(stack: StackIdentity): Record<string, string> {
  return {
    'AWS::Region': stack.region,
    'AWS::AccountId': stack.accountId,
    'AWS::StackName': stack.stackName,
    'AWS::StackId': `arn:${stack.partition}:cloudformation:${stack.region}:${stack.accountId}:stack/${stack.stackName}/${hashedUuid(`${stack.accountId}/${stack.region}/${stack.stackName}`)}`,
    'AWS::Partition': stack.partition,
    'AWS::URLSuffix': stack.urlSuffix,
  };
}
