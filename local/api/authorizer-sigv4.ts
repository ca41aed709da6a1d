import type { HandshakeRequest } from './handshake.ts';

/** `{access key}/{yyyymmdd}/{region}/{service}/aws4_request` */
const CREDENTIAL = /^[A-Za-z0-9]+\/\d{8}\/[a-z0-9-]+\/[a-z0-9-]+\/aws4_request$/;
const SIGNATURE = /^[0-9a-f]{64}$/;
const SIGNED_HEADERS = /^[a-z0-9-]+(;[a-z0-9-]+)*$/;

/**
 * AWS_IAM on `$connect`: whether the upgrade request carries a syntactically complete SigV4
 * signature, in the `Authorization` header or in the presigned-URL query parameters. The local
 * stack has no credentials to verify it against, so the signature itself is never checked.
 */
export function hasSigV4Signature(handshake: HandshakeRequest): boolean {
  return signedByHeader(handshake) || signedByQuery(handshake);
}

function signedByHeader(handshake: HandshakeRequest): boolean {
  const header = Object.entries(handshake.headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  const match = /^AWS4-HMAC-SHA256 (.+)$/.exec(header?.trim() ?? '');
  if (match?.[1] === undefined) return false;
  const parts = new Map(
    match[1].split(',').map((part) => {
      const [key = '', ...value] = part.trim().split('=');
      return [key, value.join('=')] as const;
    }),
  );
  return (
    CREDENTIAL.test(parts.get('Credential') ?? '') &&
    SIGNED_HEADERS.test(parts.get('SignedHeaders') ?? '') &&
    SIGNATURE.test(parts.get('Signature') ?? '')
  );
}

function signedByQuery(handshake: HandshakeRequest): boolean {
  const query = handshake.query;
  return (
    query['X-Amz-Algorithm'] === 'AWS4-HMAC-SHA256' &&
    CREDENTIAL.test(query['X-Amz-Credential'] ?? '') &&
    SIGNATURE.test(query['X-Amz-Signature'] ?? '')
  );
}
