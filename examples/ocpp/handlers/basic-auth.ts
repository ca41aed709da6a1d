/**
 * REQUEST authorizer of the OCPP example (OCPP security profile 1/2: HTTP Basic auth, where the
 * user name is the charge point's identity). It checks that the user is the identity in the URL
 * path and that the password's SHA-256 is the one on file. No credentials: "Unauthorized" (401);
 * wrong ones: a Deny policy (403).
 * The hashes come from CHARGE_POINT_PASSWORD_SHA256 (JSON: identity → hex) so the example runs
 * anywhere; a real CSMS keeps them in Secrets Manager or a table.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

interface AuthorizerEvent {
  methodArn: string;
  headers?: Record<string, string>;
}

interface AuthorizerResult {
  principalId: string;
  policyDocument: { Version: '2012-10-17'; Statement: Array<{ Action: 'execute-api:Invoke'; Effect: 'Allow' | 'Deny'; Resource: string }> };
  context?: Record<string, string>;
}

const passwordHashes = JSON.parse(process.env['CHARGE_POINT_PASSWORD_SHA256'] ?? '{}') as Record<string, string>;
const PATH_HEADER = process.env['PATH_HEADER'] ?? 'ws-uri';
// Behind CloudFront the viewer's Authorization arrives in this header (the edge copies it).
const AUTHORIZATION_HEADERS = ['ws-authorization', 'authorization'];

export async function handler(event: AuthorizerEvent): Promise<AuthorizerResult> {
  const headers = lowerCaseKeys(event.headers ?? {});
  const credentials = basicCredentials(AUTHORIZATION_HEADERS.map((name) => headers[name]).find((value) => value !== undefined));
  // API Gateway answers 401 to exactly this error message.
  if (credentials === undefined) throw new Error('Unauthorized');
  const identity = decodeURIComponent((headers[PATH_HEADER] ?? '').split('/').filter(Boolean).pop() ?? '');
  const allowed = credentials.user === identity && passwordMatches(credentials.user, credentials.password);
  return {
    principalId: credentials.user,
    policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: allowed ? 'Allow' : 'Deny', Resource: event.methodArn }] },
    ...(allowed ? { context: { chargePointId: identity } } : {}),
  };
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function basicCredentials(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function passwordMatches(user: string, password: string): boolean {
  const expected = passwordHashes[user];
  if (expected === undefined) return false;
  const actual = createHash('sha256').update(password).digest();
  const wanted = Buffer.from(expected, 'hex');
  return wanted.length === actual.length && timingSafeEqual(actual, wanted);
}
