import * as wsModule from 'ws';
import type { UpgradeRequest } from './handshake.ts';

/**
 * The whole RFC 6455 upgrade checked before `$connect` runs, with the rules and statuses of `ws` 8.23's
 * `handleUpgrade` (lib/websocket-server.js): an upgrade `ws` would refuse after `$connect` had written its record
 * would leave that record behind (issue 13, finding 4). Stricter than `ws` on two points, both RFC 6455 §4.2.1:
 * only version 13 (ws also takes 8), and `Sec-WebSocket-Extensions` is parsed even though permessage-deflate is off.
 */
export type UpgradeCheck = { ok: true } | { ok: false; status: 400 | 405; reason: string; headers: readonly string[] };

/** ws's own header parsers (exported by its ESM entry, not typed by @types/ws): the same grammar, not a copy of it. */
const { subprotocol, extension } = wsModule as unknown as {
  subprotocol: { parse(header: string): Set<string> };
  extension: { parse(header: string): object };
};

/** 16 bytes in base64 (RFC 6455 §4.1 item 7), as ws tests it. */
const KEY = /^[+/0-9A-Za-z]{22}==$/;

export function checkUpgrade(req: UpgradeRequest): UpgradeCheck {
  const { headers } = req;
  if (req.method !== 'GET') return refuse(405, 'Invalid HTTP method');
  if ((headers.upgrade ?? '').toLowerCase() !== 'websocket') return refuse(400, 'Invalid Upgrade header');
  if (!hasToken(headers.connection, 'upgrade')) return refuse(400, 'Invalid Connection header');
  const key = headers['sec-websocket-key'];
  if (typeof key !== 'string' || !KEY.test(key)) return refuse(400, 'Missing or invalid Sec-WebSocket-Key header');
  // RFC 6455 §4.4: a version the server does not speak is answered with the versions it does.
  if (headers['sec-websocket-version'] !== '13')
    return refuse(400, 'Missing or invalid Sec-WebSocket-Version header', ['Sec-WebSocket-Version: 13']);
  const protocols = headers['sec-websocket-protocol'];
  if (protocols !== undefined && !parses(subprotocol.parse, protocols))
    return refuse(400, 'Invalid Sec-WebSocket-Protocol header');
  const extensions = headers['sec-websocket-extensions'];
  if (extensions !== undefined && !parses(extension.parse, extensions))
    return refuse(400, 'Invalid Sec-WebSocket-Extensions header');
  return { ok: true };
}

function refuse(status: 400 | 405, reason: string, headers: readonly string[] = []): UpgradeCheck {
  return { ok: false, status, reason, headers };
}

/** `Connection` is a comma-separated token list (RFC 7230 §6.1); Node joins repeated lines with ', '. */
function hasToken(value: string | undefined, token: string): boolean {
  return (value ?? '').split(',').some((item) => item.trim().toLowerCase() === token);
}

function parses(parse: (header: string) => unknown, header: string): boolean {
  try {
    parse(header);
    return true;
  } catch {
    return false;
  }
}
