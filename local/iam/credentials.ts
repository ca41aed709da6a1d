import { hashedId } from '../template/hash.ts';
import type { LocalRole } from './types.ts';

/** What a Lambda function gets in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN. */
export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export type CallerFromAuthorization =
  | { kind: 'role'; role: LocalRole }
  /** A well-formed SigV4 header whose access key names no role of the template. */
  | { kind: 'unknown-key'; accessKeyId: string }
  /** No header, or not `AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, ...`. */
  | { kind: 'unsigned' };

export interface CredentialDirectory {
  credentialsFor(roleArn: string): RoleCredentials | undefined;
  /** The role an incoming request was signed as, from its `Authorization` header (the signature is not checked). */
  callerOf(authorization: string | undefined): CallerFromAuthorization;
}

/** `Credential=AKID/20240101/us-east-1/dynamodb/aws4_request` inside a SigV4 Authorization header. */
const SIGV4 = /^AWS4-HMAC-SHA256\s+Credential=([A-Z0-9]{16,128})\/\d{8}\/[a-z0-9-]+\/[a-z0-9-]+\/aws4_request\s*,/;

/**
 * Per-role credentials: the access key is derived from the stack seed and the role's logical ID
 * (`ASIA` + 16 characters, the shape of STS session keys), so the same role always gets the same key
 * and a local endpoint maps a request's key back to its role. Nothing here is secret: local endpoints
 * never verify signatures, they only read who signed.
 */
export function createCredentialDirectory(roles: LocalRole[], stackSeed: string): CredentialDirectory {
  const byArn = new Map<string, RoleCredentials>();
  const byKey = new Map<string, LocalRole>();
  for (const role of roles) {
    const seed = `${stackSeed}/${role.logicalId}`;
    const credentials = {
      accessKeyId: `ASIA${hashedId(`${seed}/access-key`, 16, 'upper')}`,
      secretAccessKey: hashedId(`${seed}/secret`, 40),
      sessionToken: hashedId(`${seed}/session`, 48),
    };
    byArn.set(role.arn, credentials);
    byKey.set(credentials.accessKeyId, role);
  }
  return {
    credentialsFor: (roleArn) => byArn.get(roleArn),
    callerOf(authorization) {
      const accessKeyId = authorization === undefined ? undefined : SIGV4.exec(authorization)?.[1];
      if (accessKeyId === undefined) return { kind: 'unsigned' };
      const role = byKey.get(accessKeyId);
      return role ? { kind: 'role', role } : { kind: 'unknown-key', accessKeyId };
    },
  };
}
