/** Per-role credentials: stable, distinct, and mapped back from a SigV4 Authorization header whatever its signature. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCredentialDirectory, type LocalRole } from '../../../local/iam/index.ts';

const role = (logicalId: string): LocalRole => ({
  logicalId,
  roleName: `local-${logicalId}`,
  arn: `arn:aws:iam::123456789012:role/local-${logicalId}`,
  trustPolicy: undefined,
  policies: [],
});
const ROLES = [role('DefaultFunctionRole'), role('SendFunctionRole')];
const header = (accessKeyId: string) =>
  `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;

describe('per-role credentials', () => {
  it('gives each role its own stable credentials, shaped like STS session keys', () => {
    const first = createCredentialDirectory(ROLES, '123456789012/us-east-1/local');
    const again = createCredentialDirectory(ROLES, '123456789012/us-east-1/local');
    const a = first.credentialsFor(ROLES[0]!.arn);
    const b = first.credentialsFor(ROLES[1]!.arn);
    assert.ok(a && b);
    assert.match(a.accessKeyId, /^ASIA[A-Z0-9]{16}$/);
    assert.notEqual(a.accessKeyId, b.accessKeyId);
    assert.deepEqual(again.credentialsFor(ROLES[0]!.arn), a);
    assert.notEqual(
      createCredentialDirectory(ROLES, 'another/stack').credentialsFor(ROLES[0]!.arn)?.accessKeyId,
      a.accessKeyId,
    );
    assert.equal(first.credentialsFor('arn:aws:iam::123456789012:role/unknown'), undefined);
  });

  it('maps a signed request back to its role, and names keys and headers it cannot', () => {
    const directory = createCredentialDirectory(ROLES, 'seed');
    const key = directory.credentialsFor(ROLES[1]!.arn)!.accessKeyId;
    assert.deepEqual(directory.callerOf(header(key)), { kind: 'role', role: ROLES[1] });
    assert.deepEqual(directory.callerOf(header('AKIAIOSFODNN7EXAMPLE')), {
      kind: 'unknown-key',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    });
    for (const hostile of [
      undefined,
      '',
      'Bearer x',
      `AWS4-HMAC-SHA256 Credential=${key}`,
      header(key).replace('aws4_request', 'aws4'),
      header(`${key}/../x`),
      header('lower-case-key-123'),
      `AWS4-HMAC-SHA256 Credential=${'A'.repeat(200)}/20260101/us-east-1/dynamodb/aws4_request,`,
    ]) {
      assert.deepEqual(directory.callerOf(hostile), { kind: 'unsigned' }, String(hostile));
    }
  });

  it("issues per-session keys (a function's, named after it) that map back to the role and the session", () => {
    const directory = createCredentialDirectory(ROLES, 'seed');
    const roleKeys = directory.credentialsFor(ROLES[0]!.arn)!;
    const a = directory.credentialsFor(ROLES[0]!.arn, 'local-DefaultFunction')!;
    const b = directory.credentialsFor(ROLES[0]!.arn, 'local-OtherFunction')!;
    assert.match(a.accessKeyId, /^ASIA[A-Z0-9]{16}$/);
    assert.equal(new Set([roleKeys.accessKeyId, a.accessKeyId, b.accessKeyId]).size, 3);
    assert.deepEqual(directory.credentialsFor(ROLES[0]!.arn, 'local-DefaultFunction'), a);
    assert.deepEqual(
      createCredentialDirectory(ROLES, 'seed').credentialsFor(ROLES[0]!.arn, 'local-DefaultFunction'),
      a,
      'stable across stacks of the same seed',
    );
    assert.deepEqual(directory.callerOf(header(a.accessKeyId)), {
      kind: 'role',
      role: ROLES[0],
      sessionName: 'local-DefaultFunction',
    });
    assert.deepEqual(directory.callerOf(header(roleKeys.accessKeyId)), { kind: 'role', role: ROLES[0] });
    assert.equal(
      directory.credentialsFor('arn:aws:iam::123456789012:role/unknown', 'local-DefaultFunction'),
      undefined,
    );
  });
});
