/** Stack outputs of a deployed stack, read with CloudFormation `DescribeStacks`. */
import {
  CloudFormationClient,
  DescribeStacksCommand,
  type CloudFormationClientConfig,
} from '@aws-sdk/client-cloudformation';
import { parseStackOutputs, type StackOutputs } from './outputs.ts';

export interface DescribeStackOptions {
  stackName: string;
  /** @default the SDK's region chain (AWS_REGION, profile) */
  region?: string;
  /** Client overrides (endpoint, credentials); the default credential chain otherwise. */
  client?: CloudFormationClientConfig;
}

/** A rolled-back stack runs the previous version: smoke-testing it would prove nothing about this one. */
const USABLE_STATUS = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'IMPORT_COMPLETE']);

/**
 * `DescribeStacks` → the stack's outputs as OutputKey → OutputValue; a stack that is not
 * CREATE/UPDATE/IMPORT_COMPLETE is an error. `purpose` names the run in that error.
 */
export async function describeStackRecord(
  options: DescribeStackOptions,
  purpose = 'a smoke run',
): Promise<Record<string, string>> {
  const client = new CloudFormationClient({ ...(options.region ? { region: options.region } : {}), ...options.client });
  try {
    const { Stacks: stacks = [] } = await client.send(new DescribeStacksCommand({ StackName: options.stackName }));
    const stack = stacks[0];
    if (!stack) throw new Error(`stack ${options.stackName}: DescribeStacks returned no stack`);
    const status = stack.StackStatus ?? 'UNKNOWN';
    if (!USABLE_STATUS.has(status)) {
      throw new Error(
        `stack ${options.stackName}: status ${status} is not usable for ${purpose} (need CREATE_COMPLETE or UPDATE_COMPLETE)`,
      );
    }
    const record: Record<string, string> = {};
    for (const output of stack.Outputs ?? []) {
      if (output.OutputKey !== undefined && output.OutputValue !== undefined)
        record[output.OutputKey] = output.OutputValue;
    }
    return record;
  } finally {
    client.destroy();
  }
}

/** `DescribeStacks` → the contract's outputs (parseStackOutputs). */
export async function describeStackOutputs(options: DescribeStackOptions): Promise<StackOutputs> {
  return parseStackOutputs(await describeStackRecord(options), `stack ${options.stackName}`);
}
