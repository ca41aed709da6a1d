/** Whether an authorizer's policy lets the caller invoke `$connect` (docs/aws-behaviour.md#apigw-authorizers). */
export type PolicyVerdict =
  | { kind: 'allow' }
  | { kind: 'deny'; reason: string }
  | { kind: 'malformed'; reason: string };

const INVOKE_ACTION = 'execute-api:Invoke';

/**
 * IAM evaluation reduced to what an authorizer policy can say: an explicit Deny that matches
 * wins, then any matching Allow; no match is an implicit deny. Actions match case-insensitively,
 * resources case-sensitively, both with IAM's `*` and `?` wildcards.
 */
export function evaluatePolicy(policyDocument: unknown, methodArn: string): PolicyVerdict {
  if (!isRecord(policyDocument))
    return { kind: 'malformed', reason: `policyDocument must be an object, got ${JSON.stringify(policyDocument)}` };
  const raw = policyDocument['Statement'];
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  let allowed = false;
  for (const [index, statement] of statements.entries()) {
    const read = readStatement(statement);
    if (typeof read === 'string') return { kind: 'malformed', reason: `policyDocument.Statement[${index}]: ${read}` };
    const matches =
      read.actions.some((action) => iamPatternMatches(action, INVOKE_ACTION, true)) &&
      read.resources.some((resource) => iamPatternMatches(resource, methodArn, false));
    if (!matches) continue;
    if (read.effect === 'Deny')
      return { kind: 'deny', reason: `policyDocument.Statement[${index}] denies ${INVOKE_ACTION} on ${methodArn}` };
    allowed = true;
  }
  return allowed ? { kind: 'allow' } : { kind: 'deny', reason: `no statement allows ${INVOKE_ACTION} on ${methodArn}` };
}

/** Full match of an IAM pattern: `*` is any run of characters, `?` any one character. */
export function iamPatternMatches(pattern: string, value: string, ignoreCase: boolean): boolean {
  const source = [...pattern]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, ignoreCase ? 'is' : 's').test(value);
}

interface Statement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  resources: string[];
}

/** The statement, or what is wrong with it. */
function readStatement(statement: unknown): Statement | string {
  if (!isRecord(statement)) return `must be an object, got ${JSON.stringify(statement)}`;
  const effect = statement['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') return `Effect: ${JSON.stringify(effect)} must be Allow or Deny`;
  if ('NotAction' in statement || 'NotResource' in statement)
    return 'NotAction/NotResource are not supported by the local stack';
  const actions = stringList(statement['Action']);
  if (actions === undefined)
    return `Action: ${JSON.stringify(statement['Action'])} must be a string or a list of strings`;
  const resources = stringList(statement['Resource']);
  if (resources === undefined)
    return `Resource: ${JSON.stringify(statement['Resource'])} must be a string or a list of strings`;
  return { effect, actions, resources };
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
