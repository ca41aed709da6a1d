/**
 * REQUEST authorizer of the OCPP example (OCPP security profile 1/2: HTTP Basic auth, where the user name is the
 * charge point's identity). In this order: the handshake came through the edge, the path names a charge point by the
 * stack's one matcher (handlers/lib/connect-request.ts), and the Basic credentials are that charge point's (the
 * password's SHA-256 is the one on file). The context carries the identity it verified, which is what the session
 * record stores. No credentials: "Unauthorized" (401); anything else wrong: a Deny policy (403).
 * The hashes come from CHARGE_POINT_PASSWORD_SHA256 (JSON: identity → hex) so the example runs anywhere; a real CSMS
 * keeps them in Secrets Manager or a table. Bundling it imports from outside its folder: build with
 * `sam build --build-in-source` (README, "OCPP charge points").
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { connectRequestReader } from '../../../handlers/lib/connect-request.ts';

interface AuthorizerEvent {
  methodArn: string;
  headers?: Record<string, string>;
  stageVariables?: Record<string, string> | null;
}

interface AuthorizerResult {
  principalId: string;
  policyDocument: {
    Version: '2012-10-17';
    Statement: Array<{ Action: 'execute-api:Invoke'; Effect: 'Allow' | 'Deny'; Resource: string }>;
  };
  context?: Record<string, string>;
}

const passwordHashes = JSON.parse(process.env['CHARGE_POINT_PASSWORD_SHA256'] ?? '{}') as Record<string, string>;
const readConnectRequest = connectRequestReader();
// Behind CloudFront the viewer's Authorization arrives in this header (the edge copies it).
const AUTHORIZATION_HEADERS = ['ws-authorization', 'authorization'];

export async function handler(event: AuthorizerEvent): Promise<AuthorizerResult> {
  const headers = lowerCaseKeys(event.headers ?? {});
  const credentials = basicCredentials(
    AUTHORIZATION_HEADERS.map((name) => headers[name]).find((value) => value !== undefined),
  );
  // API Gateway answers 401 to exactly this error message.
  if (credentials === undefined) throw new Error('Unauthorized');
  const request = readConnectRequest(event);
  const identity = request.identity?.ok ? request.identity.identity : undefined;
  const allowed =
    request.fromEdge &&
    identity !== undefined &&
    credentials.user === identity &&
    passwordMatches(credentials.user, credentials.password);
  return {
    principalId: credentials.user,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: allowed ? 'Allow' : 'Deny', Resource: event.methodArn }],
    },
    ...(allowed ? { context: { chargePointId: identity! } } : {}),
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
