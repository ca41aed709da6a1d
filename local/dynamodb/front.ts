import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { readBody as readBodyUpTo } from '../shared/read-body.ts';
import { dynaliteRequest, failUpstream, forwardRequest, readBody, type ForwardTarget } from './forward.ts';
import { DYNAMODB_TARGET_PREFIX } from './raw-client.ts';
import type { RawResponse, RequestAuthorizer } from './types.ts';
import { describeTimeToLive, updateTimeToLive, type TtlAnswer, type TtlRegistry } from './ttl-state.ts';

const DESCRIBE_TTL = `${DYNAMODB_TARGET_PREFIX}DescribeTimeToLive`;
const UPDATE_TTL = `${DYNAMODB_TARGET_PREFIX}UpdateTimeToLive`;

interface Exchanged {
  statusCode: number;
  statusMessage: string;
  rawHeaders: string[];
  body: Buffer;
}

/** One buffered round trip to dynalite. */
function exchange(
  target: ForwardTarget,
  incoming: IncomingMessage,
  rawHeaders: string[],
  body: Buffer,
): Promise<Exchanged> {
  return new Promise((resolve, reject) => {
    const upstream = dynaliteRequest(target, incoming, rawHeaders);
    upstream.on('response', (answer) => {
      readBody(answer).then(
        (answerBody) =>
          resolve({
            statusCode: answer.statusCode ?? 502,
            statusMessage: answer.statusMessage ?? '',
            rawHeaders: answer.rawHeaders,
            body: answerBody,
          }),
        reject,
      );
    });
    upstream.on('error', reject);
    upstream.end(body);
  });
}

function withTarget(rawHeaders: string[], target: string): string[] {
  return rawHeaders.map((value, position) =>
    position % 2 === 1 && rawHeaders[position - 1]?.toLowerCase() === 'x-amz-target' ? target : value,
  );
}

function headerOf(rawHeaders: string[], name: string): string | undefined {
  const position = rawHeaders.findIndex((value, index) => index % 2 === 0 && value.toLowerCase() === name);
  return position === -1 ? undefined : rawHeaders[position + 1];
}

/**
 * Answers DescribeTimeToLive/UpdateTimeToLive from the TTL registry. The request first goes
 * to dynalite as a DescribeTimeToLive, so authentication headers, JSON syntax, TableName
 * validation and table existence are checked (and answered) exactly as for every other call.
 */
async function answerTimeToLive(
  target: ForwardTarget,
  registry: TtlRegistry,
  incoming: IncomingMessage,
  response: ServerResponse,
  read?: Buffer,
): Promise<void> {
  const body = read ?? (await readBody(incoming));
  const checked = await exchange(target, incoming, withTarget(incoming.rawHeaders, DESCRIBE_TTL), body);
  if (checked.statusCode !== 200) {
    response.writeHead(checked.statusCode, checked.statusMessage, checked.rawHeaders);
    response.end(checked.body);
    return;
  }
  const data = JSON.parse(body.toString('utf8')) as { TableName: string; TimeToLiveSpecification?: unknown };
  const answer: TtlAnswer =
    incoming.headers['x-amz-target'] === UPDATE_TTL
      ? updateTimeToLive(registry, data.TableName, data.TimeToLiveSpecification)
      : describeTimeToLive(registry, data.TableName);
  const text = JSON.stringify(answer.body);
  response.writeHead(answer.statusCode, {
    'x-amzn-RequestId': headerOf(checked.rawHeaders, 'x-amzn-requestid') ?? '',
    'x-amz-crc32': String(crc32(text)),
    'Content-Type': headerOf(checked.rawHeaders, 'content-type') ?? 'application/x-amz-json-1.0',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}

export interface HttpFront {
  endpoint: string;
  /** `127.0.0.1:PORT`, the Host header of requests to the endpoint. */
  host: string;
  close(): Promise<void>;
}

/**
 * DynamoDB's request size limit (16 MB, Developer Guide "Service, account, and table quotas"): what an authorized
 * request may buffer. The answer to a bigger one (413 RequestEntityTooLarge) is UNCONFIRMED.
 */
const MAX_AUTHORIZED_BODY = 16 * 1024 * 1024;

/** A request asked about first: its body is buffered, `authorize` decides, then it goes on with that body. */
async function authorizeThenAnswer(
  dynalite: ForwardTarget,
  registry: TtlRegistry,
  authorize: RequestAuthorizer,
  incoming: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = await readBodyUpTo(incoming, MAX_AUTHORIZED_BODY);
  if (body === undefined) {
    const tooLarge = JSON.stringify({
      __type: 'com.amazon.coral.service#RequestEntityTooLarge',
      message: 'Request entity too large',
    });
    return sendAnswer(response, {
      statusCode: 413,
      headers: { 'content-type': 'application/x-amz-json-1.0' },
      body: tooLarge,
    });
  }
  const target = String(incoming.headers['x-amz-target'] ?? '');
  // Without DynamoDB's target there is no operation to authorize: dynalite refuses the request as it does.
  if (target.startsWith(DYNAMODB_TARGET_PREFIX)) {
    const denied = await authorize(
      incoming.headers.authorization,
      target.slice(DYNAMODB_TARGET_PREFIX.length),
      body.toString('utf8'),
    );
    if (denied !== undefined) return sendAnswer(response, denied);
  }
  if (target === DESCRIBE_TTL || target === UPDATE_TTL)
    return answerTimeToLive(dynalite, registry, incoming, response, body);
  const answer = await exchange(dynalite, incoming, incoming.rawHeaders, body);
  response.writeHead(answer.statusCode, answer.statusMessage, answer.rawHeaders);
  response.end(answer.body);
}

function sendAnswer(response: ServerResponse, answer: RawResponse): void {
  const text = answer.body;
  response.writeHead(answer.statusCode, {
    ...answer.headers,
    'x-amzn-RequestId': randomUUID(),
    'x-amz-crc32': String(crc32(text)),
    'Content-Length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}

/** The public endpoint: TTL calls answered here, everything else relayed to dynalite unchanged (after `authorize`, when given). */
export async function startHttpFront(
  target: ForwardTarget,
  registry: TtlRegistry,
  port: number,
  authorize?: RequestAuthorizer,
): Promise<HttpFront> {
  const server = createServer((incoming, response) => {
    const operation = incoming.headers['x-amz-target'];
    if (incoming.method === 'POST' && authorize !== undefined) {
      authorizeThenAnswer(target, registry, authorize, incoming, response).catch((error: Error) =>
        failUpstream(response, error),
      );
    } else if (incoming.method === 'POST' && (operation === DESCRIBE_TTL || operation === UPDATE_TTL)) {
      answerTimeToLive(target, registry, incoming, response).catch((error: Error) => failUpstream(response, error));
    } else {
      forwardRequest(target, incoming, response);
    }
  });
  // A client resetting its socket must not take the process down.
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    host: `127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
