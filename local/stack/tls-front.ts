import { connect, type AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:tls';
import type { LocalCertificate } from './local-certificate.ts';

/**
 * The local API over TLS: a listener that ends TLS and relays the bytes to the gateway's plain port, so
 * `https://{domainName}/{stage}` (how the AWS chat sample builds its `@connections` endpoint from the event) and
 * `wss://{domainName}/{stage}` reach the local API. `$context.domainName` is the API's host name, which leads here inside the Lambda sandboxes.
 * The gateway's port is known only after it listens, so the relay reads it when a connection arrives.
 */
export async function startTlsFront(
  certificate: LocalCertificate,
  gatewayPort: () => number,
): Promise<{ port: number; stop(): Promise<void> }> {
  const server: Server = createServer({ key: certificate.keyPem, cert: certificate.certPem }, (socket) => {
    const upstream = connect(gatewayPort(), '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    const close = () => {
      socket.destroy();
      upstream.destroy();
    };
    socket.on('error', close);
    upstream.on('error', close);
    socket.on('close', close);
    upstream.on('close', close);
  });
  server.on('tlsClientError', () => undefined); // a client that does not trust the certificate: its own error
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('secureConnection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
