import { request, type Agent, type ClientRequest, type IncomingMessage, type ServerResponse } from 'node:http';

export interface ForwardTarget {
  /** `http://127.0.0.1:PORT` of dynalite */
  endpoint: string;
  agent: Agent;
}

/** A request to dynalite with the incoming request's method and URL, and `rawHeaders` as they are. */
export function dynaliteRequest(target: ForwardTarget, incoming: IncomingMessage, rawHeaders: string[]): ClientRequest {
  const { hostname, port } = new URL(target.endpoint);
  return request({
    hostname,
    port,
    method: incoming.method,
    path: incoming.url,
    agent: target.agent,
    headers: rawHeaders,
  });
}

/**
 * Relays one request to dynalite and its answer back unchanged: method, URL, raw headers
 * (names in their original case, repeated headers kept), body streamed both ways, status,
 * status text, raw response headers.
 */
export function forwardRequest(target: ForwardTarget, incoming: IncomingMessage, response: ServerResponse): void {
  const upstream = dynaliteRequest(target, incoming, incoming.rawHeaders);
  upstream.on('response', (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
    answer.pipe(response);
    answer.on('error', () => response.destroy());
  });
  upstream.on('error', (error) => failUpstream(response, error));
  incoming.on('error', () => upstream.destroy());
  response.on('close', () => {
    if (!response.writableFinished) upstream.destroy();
  });
  incoming.pipe(upstream);
}

/** dynalite unreachable (stopping, crashed): a DynamoDB-shaped 500 if nothing was sent yet. */
export function failUpstream(response: ServerResponse, error: Error): void {
  if (response.headersSent) {
    response.destroy(error);
    return;
  }
  const body = JSON.stringify({
    __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
    message: `local DynamoDB unavailable: ${error.message}`,
  });
  response.writeHead(500, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** Buffers a whole request body. */
export function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}
