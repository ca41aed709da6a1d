/** Credentials for SDK clients of the local AWS endpoint: the developer's own, or a template role's derived keys. */
import { readFileSync } from 'node:fs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { collectTemplatePolicies, createCredentialDirectory } from '../../local/iam/index.ts';
import { credentialSeed } from '../../local/stack/iam-guard.ts';
import type { LocalOutputs } from '../../local/stack/index.ts';
import { loadLocalTemplate } from '../../local/template/index.ts';

export const LOCAL_STACK = { stackName: 'local', region: 'us-east-1', accountId: '123456789012' } as const;

/** A key that names no role of the template: the developer's tools (AWS CLI, scripts), allowed everything. */
export const DEVELOPER = { accessKeyId: 'AKIALOCALDEVELOPER01', secretAccessKey: 'not-checked-locally' } as const;

/** A DynamoDB client of a local stack's AWS endpoint with the developer's key (no role: allowed everything). */
export function developerDynamoDb(stack: { outputs: LocalOutputs }): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: stack.outputs.DynamoDBEndpoint,
    region: stack.outputs.Region,
    credentials: DEVELOPER,
  });
}

/**
 * The keys the local stack derives for a role of `templateFile` (by logical ID); with `sessionName` (a function's name),
 * the keys that function runs with.
 */
export function roleCredentials(templateFile: string, roleLogicalId: string, sessionName?: string) {
  const template = loadLocalTemplate(readFileSync(templateFile, 'utf8'), LOCAL_STACK);
  const { roles } = collectTemplatePolicies(template);
  const role = roles.find((candidate) => candidate.logicalId === roleLogicalId);
  if (role === undefined)
    throw new Error(
      `${templateFile} has no role ${roleLogicalId} (roles: ${roles.map((r) => r.logicalId).join(', ')})`,
    );
  const keys = createCredentialDirectory(
    roles,
    credentialSeed(LOCAL_STACK.accountId, LOCAL_STACK.region, LOCAL_STACK.stackName),
  ).credentialsFor(role.arn, sessionName);
  if (keys === undefined) throw new Error(`no keys for ${role.arn}`);
  return { credentials: keys, role };
}
