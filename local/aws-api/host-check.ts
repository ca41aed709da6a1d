import type { IncomingMessage } from 'node:http';

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Whether a request was addressed to this machine's loopback name and this port. A page on another site whose
 * name an attacker points at 127.0.0.1 (DNS rebinding) sends its own host name in `Host`, so it is refused; the
 * SDK, the AWS CLI and a browser on the console's URL send `127.0.0.1:{port}` (or `localhost:{port}`).
 */
export function isLoopbackHost(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host;
  return host !== undefined && LOOPBACK_HOSTS.some((name) => host === `${name}:${port}`);
}
