import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Why the console's actions need more than the loopback bind: any web page the developer has open can send
 * requests to 127.0.0.1 (a form post, `fetch` with `mode: 'no-cors'`), so a page on another site could otherwise
 * send messages to connections or close them. Each action must carry the token that only the console's own page
 * holds (served into it, never in a URL), and a browser's `Origin` must be the console's own. Reading data is
 * guarded by the token too (the event feed takes it as a query parameter, which EventSource allows).
 */
export function createConsoleGuard() {
  const token = randomBytes(32).toString('hex');
  const expected = Buffer.from(token);
  const matches = (given: string | undefined | null): boolean => {
    if (typeof given !== 'string' || given.length !== token.length) return false;
    return timingSafeEqual(Buffer.from(given), expected);
  };
  return {
    token,
    /** A reading request: the token, from the header or `?token=`. */
    mayRead: (req: IncomingMessage, url: URL): boolean =>
      matches(headerOf(req, 'x-console-token') ?? url.searchParams.get('token')),
    /** A state-changing request: the token in its header, and the console's own origin (a browser always sends one on POST). */
    mayAct(req: IncomingMessage, port: number): boolean {
      const origin = headerOf(req, 'origin');
      const sameOrigin = origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
      return sameOrigin && matches(headerOf(req, 'x-console-token'));
    },
  };
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}
