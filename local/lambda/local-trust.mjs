// The local API's TLS listener has a certificate made at start (local/stack/local-certificate.ts). A handler that
// builds `https://{domainName}/{stage}` itself (as the AWS chat sample does) connects to it, so inside the sandbox
// that one certificate is trusted for loopback addresses, on top of the usual roots. Connections that bring their
// own `ca`, and every other host, are left as they are. Plain JavaScript: it runs in the sandbox worker.
import { syncBuiltinESMExports } from 'node:module';
import tls from 'node:tls';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function trustLocalCertificate(certificatePem) {
  const trusted = [...tls.rootCertificates, certificatePem];
  const original = tls.connect;
  tls.connect = function connectTrustingLocal(...args) {
    const options = args.find((arg) => typeof arg === 'object' && arg !== null);
    if (options !== undefined && options.ca === undefined && LOOPBACK.has(options.host ?? options.servername ?? 'localhost')) {
      options.ca = trusted;
    }
    return original.apply(this, args);
  };
  syncBuiltinESMExports();
}
