import { hashedId } from '../template/hash.ts';
import type { LocalRole } from './types.ts';

/** What a Lambda function gets in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN. */
export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export type CallerFromAuthorization =
  /** `sessionName`: the role session the keys were issued for (a function's name), when they were issued for one. */
  | { kind: 'role'; role: LocalRole; sessionName?: string }
  /** A well-formed SigV4 header whose access key names no role of the template. */
  | { kind: 'unknown-key'; accessKeyId: string }
  /** No header, or not `AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, ...`. */
  | { kind: 'unsigned' };

export interface CredentialDirectory {
  /**
   * The role's keys; with `sessionName`, keys of that role session (Lambda names a function's session after the
   * function, and AWS's AccessDenied messages name it: `assumed-role/{role}/{function}`).
   */
  credentialsFor(roleArn: string, sessionName?: string): RoleCredentials | undefined;
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
  const rolesByArn = new Map(roles.map((role) => [role.arn, role]));
  const issued = new Map<string, RoleCredentials>();
  const byKey = new Map<string, { role: LocalRole; sessionName?: string }>();
  const issue = (role: LocalRole, sessionName: string | undefined): RoleCredentials => {
    const seed =
      sessionName === undefined
        ? `${stackSeed}/${role.logicalId}`
        : `${stackSeed}/${role.logicalId}/session/${sessionName}`;
    const credentials = {
      accessKeyId: `ASIA${hashedId(`${seed}/access-key`, 16, 'upper')}`,
      secretAccessKey: hashedId(`${seed}/secret`, 40),
      sessionToken: hashedId(`${seed}/session`, 48),
    };
    byKey.set(credentials.accessKeyId, sessionName === undefined ? { role } : { role, sessionName });
    return credentials;
  };
  for (const role of roles) issued.set(`${role.arn}\n`, issue(role, undefined));
  return {
    credentialsFor(roleArn, sessionName) {
      const key = `${roleArn}\n${sessionName ?? ''}`;
      const known = issued.get(key);
      if (known !== undefined) return known;
      const role = rolesByArn.get(roleArn);
      if (role === undefined || sessionName === undefined) return undefined;
      const credentials = issue(role, sessionName);
      issued.set(key, credentials);
      return credentials;
    },
    callerOf(authorization) {
      const accessKeyId = authorization === undefined ? undefined : SIGV4.exec(authorization)?.[1];
      if (accessKeyId === undefined) return { kind: 'unsigned' };
      const holder = byKey.get(accessKeyId);
      return holder ? { kind: 'role', ...holder } : { kind: 'unknown-key', accessKeyId };
    },
  };
}
