import { evaluatePolicy, isRecord } from './authorizer-policy.ts';

/** What a Lambda authorizer's return value means for the handshake. */
export type AuthorizerVerdict =
  | { kind: 'allow'; values: Record<string, string>; usageIdentifierKey?: string }
  | { kind: 'deny'; reason: string }
  | { kind: 'malformed'; reason: string };

/**
 * Reads `{principalId, policyDocument, context?}` (docs/aws-behaviour.md#apigw-authorizers). A result without
 * principalId or policyDocument, or with a context value that is not a string, number or
 * boolean, is malformed; context values become strings (`1` -> `"1"`, `true` -> `"true"`).
 */
export function readAuthorizerResult(result: unknown, methodArn: string): AuthorizerVerdict {
  if (!isRecord(result))
    return { kind: 'malformed', reason: `the authorizer returned ${JSON.stringify(result)}, not an object` };
  const principalId = result['principalId'];
  if (typeof principalId !== 'string' || principalId === '') {
    return { kind: 'malformed', reason: `principalId: ${JSON.stringify(principalId)} must be a non-empty string` };
  }
  if (result['policyDocument'] === undefined) return { kind: 'malformed', reason: 'policyDocument is missing' };
  const context = stringifiedContext(result['context']);
  if (typeof context === 'string') return { kind: 'malformed', reason: context };
  const usageIdentifierKey = result['usageIdentifierKey'];
  if (usageIdentifierKey !== undefined && typeof usageIdentifierKey !== 'string')
    return { kind: 'malformed', reason: `usageIdentifierKey: ${JSON.stringify(usageIdentifierKey)} must be a string` };
  const verdict = evaluatePolicy(result['policyDocument'], methodArn);
  if (verdict.kind !== 'allow') return verdict;
  // usageIdentifierKey: the API key, when the API's ApiKeySelectionExpression reads it (api-keys.ts); not a context value.
  const values = { principalId, ...context };
  return usageIdentifierKey === undefined ? { kind: 'allow', values } : { kind: 'allow', values, usageIdentifierKey };
}

/** The context with every value as a string, or what is wrong with it. */
function stringifiedContext(context: unknown): Record<string, string> | string {
  if (context === undefined || context === null) return {};
  if (!isRecord(context)) return `context: ${JSON.stringify(context)} must be an object`;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(context)) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      return `context.${key}: ${JSON.stringify(value)} must be a string, number or boolean`;
    }
    if (key === 'principalId')
      return "context.principalId: the key principalId is reserved for the result's principalId";
    values[key] = String(value);
  }
  return values;
}
