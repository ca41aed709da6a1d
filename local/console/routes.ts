import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExtraRoute } from '../aws-api/index.ts';
import { readBody } from '../shared/read-body.ts';
import type { ConsoleFeed } from './feed.ts';
import { createConsoleGuard } from './guard.ts';
import type { ConsoleSources } from './types.ts';
import { packageFileUrl } from '../../shared/package-file.ts';

export const CONSOLE_PATH = '/_console/';
const STATIC = packageFileUrl(import.meta.url, 'local/console/static/');
const MAX_MESSAGE_BYTES = 131_072;

/** The page may run its own script and style and talk to its own origin; nothing inline, no frames. */
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

const send = (res: ServerResponse, status: number, type: string, body: string) => {
  res.writeHead(status, { ...PAGE_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) }).end(body);
};
const json = (res: ServerResponse, status: number, value: unknown) =>
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

const ACTION = /^\/_console\/api\/connections\/([^/]+)\/(messages|close)$/;

/**
 * The console's HTTP side, on the local AWS endpoint: the page and its two files, the event feed, an execution's
 * history, and the two actions (send a message, close a connection) through the local `@connections` API.
 */
export function consoleRoutes(feed: ConsoleFeed, sources: ConsoleSources, port: () => number): ExtraRoute {
  const guard = createConsoleGuard();
  const page = readFileSync(new URL('index.html', STATIC), 'utf8').replace('{{TOKEN}}', guard.token); // hex: nothing to escape
  const files: Record<string, [string, string]> = {
    'app.js': ['text/javascript; charset=utf-8', readFileSync(new URL('app.js', STATIC), 'utf8')],
    'style.css': ['text/css; charset=utf-8', readFileSync(new URL('style.css', STATIC), 'utf8')],
  };

  const act = async (req: IncomingMessage, res: ServerResponse, id: string, action: string) => {
    const body = await readBody(req, MAX_MESSAGE_BYTES);
    if (body === undefined) return json(res, 413, { message: `a message is at most ${MAX_MESSAGE_BYTES} bytes` });
    const answer =
      action === 'messages'
        ? await sources.manageConnection('POST', id, body.toString('utf8'))
        : await sources.manageConnection('DELETE', id);
    json(res, 200, { connectionsStatus: answer.statusCode, body: answer.body });
  };

  return (req, res, url) => {
    if (url.pathname === '/_console') {
      res.writeHead(308, { Location: CONSOLE_PATH }).end();
      return true;
    }
    if (!url.pathname.startsWith(CONSOLE_PATH)) return false;
    const rest = url.pathname.slice(CONSOLE_PATH.length);
    if (req.method === 'GET' && rest === '') send(res, 200, 'text/html; charset=utf-8', page);
    else if (req.method === 'GET' && Object.hasOwn(files, rest)) send(res, 200, files[rest]![0], files[rest]![1]);
    else if (req.method === 'GET' && rest === 'events') {
      if (!guard.mayRead(req, url)) json(res, 403, { message: 'the console token is missing or wrong' });
      else feed.attach(res);
    } else if (req.method === 'GET' && rest === 'api/history') {
      if (!guard.mayRead(req, url)) json(res, 403, { message: 'the console token is missing or wrong' });
      else {
        const events = sources.history(url.searchParams.get('executionArn') ?? '');
        if (events) json(res, 200, { events });
        else json(res, 404, { message: 'no such execution' });
      }
    } else {
      const action = ACTION.exec(url.pathname);
      if (req.method !== 'POST' || action === null) {
        req.resume();
        json(res, 404, { message: `${req.method} ${url.pathname}: not part of the console` });
      } else if (!guard.mayAct(req, port())) {
        req.resume();
        json(res, 403, {
          message:
            "refused: actions need the console page's token and its own Origin (cross-site requests are refused)",
        });
      } else {
        act(req, res, decodeURIComponent(action[1] ?? ''), action[2] ?? '').catch((error: unknown) =>
          json(res, 502, { message: String(error) }),
        );
      }
    }
    return true;
  };
}
