import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { failUpstream, forwardRequest, readBody, type ForwardTarget } from './forward.ts';
import { DYNAMODB_TARGET_PREFIX } from './raw-client.ts';
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
function exchange(target: ForwardTarget, incoming: IncomingMessage, rawHeaders: string[], body: Buffer): Promise<Exchanged> {
  const { hostname, port } = new URL(target.endpoint);
  return new Promise((resolve, reject) => {
    const upstream = request({ hostname, port, method: incoming.method, path: incoming.url, agent: target.agent, headers: rawHeaders });
    upstream.on('response', (answer) => {
      readBody(answer).then(
        (answerBody) => resolve({ statusCode: answer.statusCode ?? 502, statusMessage: answer.statusMessage ?? '', rawHeaders: answer.rawHeaders, body: answerBody }),
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
async function answerTimeToLive(target: ForwardTarget, registry: TtlRegistry, incoming: IncomingMessage, response: ServerResponse): Promise<void> {
  const body = await readBody(incoming);
  const checked = await exchange(target, incoming, withTarget(incoming.rawHeaders, DESCRIBE_TTL), body);
  if (checked.statusCode !== 200) {
    response.writeHead(checked.statusCode, checked.statusMessage, checked.rawHeaders);
    response.end(checked.body);
    return;
  }
  const data = JSON.parse(body.toString('utf8')) as { TableName: string; TimeToLiveSpecification?: unknown };
  const answer: TtlAnswer = incoming.headers['x-amz-target'] === UPDATE_TTL
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

/** The public endpoint: TTL calls answered here, everything else relayed to dynalite unchanged. */
export async function startHttpFront(target: ForwardTarget, registry: TtlRegistry, port: number): Promise<HttpFront> {
  const server = createServer((incoming, response) => {
    const operation = incoming.headers['x-amz-target'];
    if (incoming.method === 'POST' && (operation === DESCRIBE_TTL || operation === UPDATE_TTL)) {
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
