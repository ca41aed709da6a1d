import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { OptionProblems } from './options.ts';

/**
 * What went wrong before a request could be handled, from the error Node's HTTP server gives `clientError`:
 * headers past `maxHeaderSize`, a request slower than `headersTimeout`/`requestTimeout`, or bytes that are not HTTP.
 */
export type ClientErrorKind = 'header-overflow' | 'timeout' | 'malformed';

/** Each server's answer to each kind: a status, a content type and a body. */
export type ClientErrorAnswers = Record<ClientErrorKind, { status: number; contentType: string; body: string }>;

/** HTTP timeouts of a local server; the checks run every `CHECK_INTERVAL_MS`, so a timeout fires up to that late. */
export interface HttpTimeouts {
  /** the request line and headers must arrive within this. @default 10000 */
  headersMs: number;
  /** the whole request, body included, must arrive within this. @default 30000 */
  requestMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = { headersMs: 10_000, requestMs: 30_000 };
const CHECK_INTERVAL_MS = 250;

/** `http.createServer` options for these timeouts (Node checks them only every 30 s unless told otherwise). */
export function httpTimeoutOptions(timeouts: HttpTimeouts): {
  headersTimeout: number;
  requestTimeout: number;
  connectionsCheckingInterval: number;
} {
  return {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    connectionsCheckingInterval: CHECK_INTERVAL_MS,
  };
}

/** Checks timeouts given as options, naming the field, the value and the rule of each problem. */
export function checkHttpTimeouts(problems: OptionProblems, timeouts: HttpTimeouts, field: string): void {
  for (const [name, value] of Object.entries(timeouts)) {
    if (!Number.isInteger(value) || value <= 0)
      problems.add(`${field}.${name}`, value, 'must be a positive integer (milliseconds)');
  }
  // Node refuses a headers timeout longer than the request timeout.
  if (timeouts.headersMs > timeouts.requestMs)
    problems.add(`${field}.headersMs`, timeouts.headersMs, `must not exceed requestMs (${timeouts.requestMs})`);
}

/**
 * Answers a client error like Node's default handler does (which a `clientError` listener replaces), with this
 * server's statuses and bodies: nothing if the peer reset or a response has already started, then the socket closes.
 */
export function answerClientErrors(server: Server, answers: ClientErrorAnswers, log: (line: string) => void): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const kind = clientErrorKind(error);
    // `_httpMessage` is the response in flight on this socket, the field Node's own default handler reads.
    const response = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (kind === undefined || !socket.writable || response?.headersSent === true) {
      socket.destroy();
      return;
    }
    const { status, contentType, body } = answers[kind];
    log(`http client error (${error.code ?? error.message}): answered ${status}`);
    const head = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\nContent-Type: ${contentType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`;
    // Closed once the answer is flushed (as ws closes a refused handshake), not left half-open for the client.
    socket.once('finish', () => socket.destroy());
    socket.end(head + body);
  });
}

function clientErrorKind(error: NodeJS.ErrnoException): ClientErrorKind | undefined {
  switch (error.code) {
    case 'ECONNRESET':
    case 'EPIPE':
      return undefined; // the peer is gone: nobody to answer
    case 'HPE_HEADER_OVERFLOW':
      return 'header-overflow';
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 'timeout';
    default:
      return 'malformed';
  }
}
