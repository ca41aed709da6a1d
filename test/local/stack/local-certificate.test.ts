/** The certificate of the local API's TLS listener, made with Node's crypto alone. */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { describe, it } from 'node:test';
import { createLocalCertificate } from '../../../local/stack/local-certificate.ts';

describe('local API certificate', () => {
  it('is a valid self-signed certificate for 127.0.0.1 and localhost, whatever its random serial', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    // First serial bytes that need care in DER (a leading zero, a high bit), and a few random ones.
    const serials = [
      Buffer.alloc(16, 0),
      Buffer.alloc(16, 0xff),
      Buffer.from([0x00, 0x7f, ...Array(14).fill(1)]),
      undefined,
      undefined,
    ];
    for (const serial of serials) {
      const { certPem, keyPem } = createLocalCertificate(now, serial);
      assert.doesNotThrow(
        () => createSecureContext({ cert: certPem, key: keyPem }),
        `serial ${serial?.toString('hex')}`,
      );
      const certificate = new X509Certificate(certPem);
      assert.equal(certificate.subjectAltName, 'IP Address:127.0.0.1, DNS:localhost');
      assert.ok(certificate.ca);
      assert.ok(certificate.verify(certificate.publicKey), 'self-signed');
      assert.ok(certificate.checkIP('127.0.0.1'));
      assert.equal(Date.parse(certificate.validFrom), now.getTime() - 86_400_000);
      assert.equal(Date.parse(certificate.validTo), now.getTime() + 365 * 86_400_000);
    }
  });

  it('is valid for the host names asked for (the API host the sandboxes send to the local front), and for no other', () => {
    const apiHost = 'a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';
    const { certPem, keyPem } = createLocalCertificate(new Date(), undefined, [
      apiHost,
      'b.execute-api.cn-north-1.amazonaws.com.cn',
    ]);
    assert.doesNotThrow(() => createSecureContext({ cert: certPem, key: keyPem }));
    const certificate = new X509Certificate(certPem);
    assert.equal(
      certificate.subjectAltName,
      `IP Address:127.0.0.1, DNS:localhost, DNS:${apiHost}, DNS:b.execute-api.cn-north-1.amazonaws.com.cn`,
    );
    assert.equal(certificate.checkHost(apiHost), apiHost);
    assert.equal(certificate.checkHost(`other.execute-api.us-east-1.amazonaws.com`), undefined);
    assert.equal(certificate.checkHost(`${apiHost}.evil.example`), undefined);
  });
});
