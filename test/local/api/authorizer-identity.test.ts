import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { missingIdentitySources } from '../../../local/api/authorizer-identity.ts';
import { hasSigV4Signature } from '../../../local/api/authorizer-sigv4.ts';
import type { HandshakeRequest } from '../../../local/api/handshake.ts';

const handshake = (headers: Record<string, string>, query: Record<string, string> = {}): HandshakeRequest => ({
  sourceIp: '127.0.0.1',
  userAgent: undefined,
  headers,
  multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
  query,
  multiValueQuery: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, [v]])),
});

describe('authorizer identity sources', () => {
  const sources = [
    { from: 'header' as const, name: 'Auth' },
    { from: 'querystring' as const, name: 'token' },
  ];

  it('finds headers case-insensitively and query parameters by exact name', () => {
    assert.deepEqual(missingIdentitySources(sources, handshake({ aUTH: 'x' }, { token: 't' })), []);
    assert.deepEqual(missingIdentitySources(sources, handshake({ aUTH: 'x' }, { Token: 't' })), [sources[1]]);
  });

  it('counts empty and blank values as missing', () => {
    assert.deepEqual(missingIdentitySources(sources, handshake({ Auth: '  ' }, { token: '' })), sources);
  });
});

describe('AWS_IAM signature shape', () => {
  const credential = 'AKIDEXAMPLE/20261125/us-east-1/execute-api/aws4_request';
  const signature = '0123456789abcdef'.repeat(4);

  it('accepts a complete Authorization header in any header-name case', () => {
    const value = `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=host;x-amz-date, Signature=${signature}`;
    assert.equal(hasSigV4Signature(handshake({ authorization: value })), true);
  });

  it('accepts presigned-URL query parameters', () => {
    assert.equal(
      hasSigV4Signature(
        handshake(
          {},
          { 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256', 'X-Amz-Credential': credential, 'X-Amz-Signature': signature },
        ),
      ),
      true,
    );
  });

  it('refuses other schemes, missing parts, a malformed credential scope or signature', () => {
    for (const value of [
      'Bearer abc',
      `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=host`,
      `AWS4-HMAC-SHA256 Credential=AKID/2026/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=${signature}`,
      `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=host, Signature=xyz`,
      `AWS4-HMAC-SHA1 Credential=${credential}, SignedHeaders=host, Signature=${signature}`,
    ]) {
      assert.equal(hasSigV4Signature(handshake({ Authorization: value })), false, value);
    }
    assert.equal(
      hasSigV4Signature(handshake({}, { 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256', 'X-Amz-Credential': credential })),
      false,
    );
  });
});
