import { WebSocket, type ClientOptions } from 'ws';
import {
  createApiGatewayService,
  type ApiGatewayService,
  type ApiGatewayServiceOptions,
  type AwsServiceResponse,
  type Backends,
  type EventInput,
  type LambdaInvokeLimits,
  type LambdaInvokeResult,
} from '../../../local/api/index.ts';
import { createVtlEngine } from '../../../lang/vtl/index.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';

/** A Lambda handler in the test (`limits`: what the gateway bounds the call with); throwing is a function error. */
export type TestLambda = (event: Record<string, unknown>, limits: LambdaInvokeLimits) => Promise<unknown> | unknown;
export interface ServiceCall {
  service: string;
  action: string;
  body: string;
}

/** A small proxy-event builder shaped like the captured events (docs/aws-behaviour.md#events). */
export function buildProxyEvent(
  eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT',
  input: EventInput,
): Record<string, unknown> {
  const requestContext: Record<string, unknown> = {
    routeKey: input.routeKey,
    eventType,
    extendedRequestId: input.requestId,
    requestId: input.requestId,
    requestTimeEpoch: input.requestTimeEpoch,
    messageDirection: 'IN',
    stage: input.stage,
    connectedAt: input.connectedAt,
    identity: { sourceIp: input.sourceIp },
    domainName: input.domainName,
    connectionId: input.connectionId,
    apiId: input.apiId,
  };
  if (input.messageId !== undefined) requestContext['messageId'] = input.messageId;
  if (eventType === 'DISCONNECT')
    Object.assign(requestContext, {
      disconnectStatusCode: input.disconnectStatusCode,
      disconnectReason: input.disconnectReason,
    });
  const event: Record<string, unknown> = { requestContext, isBase64Encoded: false };
  if (eventType === 'CONNECT')
    Object.assign(event, { headers: input.headers, multiValueHeaders: input.multiValueHeaders });
  if (eventType === 'CONNECT' && Object.keys(input.query).length > 0) event['queryStringParameters'] = input.query;
  if (input.body !== undefined) event['body'] = input.body;
  return event;
}

export interface Harness {
  service: ApiGatewayService;
  wsUrl: string;
  connectionsEndpoint: string;
  serviceCalls: ServiceCall[];
  logs: string[];
}

/** Starts a gateway whose Lambdas are `lambdas[arn]` and whose AWS services answer with `respond`. */
export async function startGateway(
  config: Partial<ApiGatewayServiceOptions> & {
    /** a handler per function ARN, or 'throttled' for a function Lambda refuses to run (its concurrency is used up) */
    lambdas?: Record<string, TestLambda | 'throttled'>;
    respond?: (call: ServiceCall) => Promise<AwsServiceResponse> | AwsServiceResponse;
    /** The stack's event builders instead of the small one above (tests comparing events with captured ones). */
    buildEvent?: Backends['buildEvent'];
  },
): Promise<Harness> {
  const serviceCalls: ServiceCall[] = [];
  const logs: string[] = [];
  const lambdas = config.lambdas ?? {};
  const backends: Backends = {
    async invokeLambda(functionArn, event, limits): Promise<LambdaInvokeResult> {
      const handler = lambdas[functionArn];
      if (handler === undefined)
        return { kind: 'error', errorType: 'ResourceNotFoundException', errorMessage: `no function ${functionArn}` };
      if (handler === 'throttled') return { kind: 'throttled' };
      try {
        return { kind: 'result', result: await handler(event as Record<string, unknown>, limits) };
      } catch (error) {
        const e = error as Error;
        return { kind: 'error', errorType: e.name, errorMessage: e.message };
      }
    },
    async callAwsService(service, action, body) {
      const call = { service, action, body };
      serviceCalls.push(call);
      return config.respond ? config.respond(call) : { statusCode: 200, headers: {}, body: '{}' };
    },
    buildEvent: config.buildEvent ?? {
      connect: (input) => buildProxyEvent('CONNECT', input),
      message: (input) => buildProxyEvent('MESSAGE', input),
      disconnect: (input) => buildProxyEvent('DISCONNECT', input),
    },
  };
  const service = createApiGatewayService({
    port: 0,
    stage: 'prod',
    apiId: 'local1',
    region: 'us-east-1',
    routeSelectionExpression: '$request.body.action',
    routes: [],
    vtl: createVtlEngine(),
    log: (line) => logs.push(line),
    ...config,
    backends,
  });
  await service.start();
  return {
    service,
    wsUrl: `ws://127.0.0.1:${service.port}/prod`,
    connectionsEndpoint: `http://127.0.0.1:${service.port}/prod`,
    serviceCalls,
    logs,
  };
}

export const lambdaRoute = (routeKey: string, functionArn: string, hasRouteResponse = true) => ({
  routeKey,
  hasRouteResponse,
  integration: { type: 'AWS_PROXY' as const, target: { kind: 'lambda' as const, functionArn } },
});

/** A client plus an inbox of received text frames and its close. */
export interface TestClient {
  ws: WebSocket;
  nextFrame(): Promise<string>;
  received: string[];
  closed: Promise<{ code: number; reason: string }>;
}

const DEADLINE_MS = 5000;

export async function connect(url: string, protocols: string[] = [], options: ClientOptions = {}): Promise<TestClient> {
  const ws = new WebSocket(url, protocols, options);
  const received: string[] = [];
  const waiters: Array<(frame: string) => void> = [];
  ws.on('message', (data) => {
    const frame = String(data);
    received.push(frame);
    waiters.shift()?.(frame);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let read = 0;
  return {
    ws,
    received,
    closed,
    nextFrame: () => {
      const index = read++;
      if (index < received.length) return Promise.resolve(received[index] as string);
      return withDeadline(new Promise<string>((resolve) => waiters.push(resolve)), 'a frame');
    },
  };
}

/** The HTTP status (and body) of a refused handshake. */
export function refusedHandshake(
  url: string,
  protocols: string[] = [],
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const ws = new WebSocket(url, protocols, { headers });
  return withDeadline(
    new Promise((resolve, reject) => {
      ws.on('open', () => reject(new Error('handshake unexpectedly succeeded')));
      ws.on('error', () => undefined); // ws reports the refusal through unexpected-response
      ws.on('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body });
          ws.terminate();
        });
      });
    }),
    'a refused handshake',
  );
}

export async function withDeadline<T>(work: Promise<T>, what: string, ms = DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` until it returns a value (bounded). */
export async function waitFor<T>(check: () => T | undefined, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() - started > DEADLINE_MS) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A promise with its resolver, for handlers the test releases. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
