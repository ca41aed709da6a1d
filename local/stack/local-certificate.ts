import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

/**
 * A self-signed certificate for `127.0.0.1`, `localhost` and the API's own host names (`{apiId}.execute-api.…`,
 * which the Lambda sandboxes send to the local TLS front: api-host-reach.ts), made at start with Node's crypto alone (no openssl):
 * an EC P-256 key and an X.509 v3 certificate written in DER by the few ASN.1 encoders below. It serves the
 * local API over TLS for handlers that build `https://{domainName}/{stage}` themselves; only the local stack's
 * Lambda sandboxes trust it (tls-front.ts).
 */
export interface LocalCertificate {
  keyPem: string;
  certPem: string;
}

const der = (tag: number, ...contents: Buffer[]): Buffer => {
  const body = Buffer.concat(contents);
  const length =
    body.length < 0x80
      ? Buffer.from([body.length])
      : body.length < 0x100
        ? Buffer.from([0x81, body.length])
        : Buffer.from([0x82, body.length >> 8, body.length & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, body]);
};
const sequence = (...items: Buffer[]) => der(0x30, ...items);
const oid = (text: string): Buffer => {
  const [first, second, ...rest] = text.split('.').map(Number) as [number, number, ...number[]];
  const bytes = [first * 40 + second];
  for (const part of rest) {
    const chunk = [part & 0x7f];
    for (let value = part >> 7; value > 0; value >>= 7) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
};
const utcTime = (date: Date) => der(0x17, Buffer.from(`${date.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`));
const pem = (label: string, body: Buffer) =>
  `-----BEGIN ${label}-----\n${body
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END ${label}-----\n`;

const ECDSA_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));

/** `serial`: 16 random bytes unless given (tests give the edge cases). `hostNames`: more DNS names it is valid for. */
export function createLocalCertificate(
  now = new Date(),
  serial: Buffer = randomBytes(16),
  hostNames: readonly string[] = [],
): LocalCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const name = sequence(
    der(0x31, sequence(oid('2.5.4.3'), der(0x0c, Buffer.from('apigw-ws-integrations local stack')))),
  );
  // DER INTEGERs are minimal and signed: a first byte of 0x40-0x7f is positive and needs no 0x00 in front of it.
  const serialNumber = Buffer.from(serial);
  serialNumber[0] = (serialNumber[0]! & 0x3f) | 0x40;
  const extensions = der(
    0xa3,
    sequence(
      // subjectAltName: IP 127.0.0.1, DNS localhost and the host names asked for
      sequence(
        oid('2.5.29.17'),
        der(
          0x04,
          sequence(
            der(0x87, Buffer.from([127, 0, 0, 1])),
            ...['localhost', ...hostNames].map((name) => der(0x82, Buffer.from(name, 'ascii'))),
          ),
        ),
      ),
      // basicConstraints (critical): CA, so the certificate is its own trust anchor
      sequence(oid('2.5.29.19'), der(0x01, Buffer.from([0xff])), der(0x04, sequence(der(0x01, Buffer.from([0xff]))))),
    ),
  );
  const tbs = sequence(
    der(0xa0, der(0x02, Buffer.from([2]))),
    der(0x02, serialNumber),
    ECDSA_SHA256,
    name,
    sequence(utcTime(new Date(now.getTime() - 86_400_000)), utcTime(new Date(now.getTime() + 365 * 86_400_000))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = sign('sha256', tbs, privateKey);
  const certificate = sequence(tbs, ECDSA_SHA256, der(0x03, Buffer.from([0]), signature));
  return {
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    certPem: pem('CERTIFICATE', certificate),
  };
}
