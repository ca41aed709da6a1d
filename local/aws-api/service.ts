import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerClientErrors, DEFAULT_HTTP_TIMEOUTS, httpTimeoutOptions } from '../shared/client-error.ts';
import { stderrLog } from '../shared/log.ts';
import { readBody } from '../shared/read-body.ts';
import { restJsonError, sendAnswer, type AwsAnswer } from './answer.ts';
import { isLoopbackHost } from './host-check.ts';
import { answerInvoke, MAX_SYNC_PAYLOAD_BYTES } from './lambda-invoke.ts';
import { INVOKE_PATH } from './lambda-target.ts';
import { answerStepFunctions, MAX_STATES_BODY_BYTES, STATES_TARGET_PREFIX, statesError } from './states-route.ts';
import type { AwsApiService, AwsApiServiceOptions } from './types.ts';

/** Requests that never reach a handler, answered like the API's own HTTP server answers them (local/api/service.ts). */
const clientError = (status: number, message: string) => ({
  status,
  contentType: 'application/json',
  body: JSON.stringify({ message }),
});
const CLIENT_ERROR_ANSWERS = {
  'header-overflow': clientError(431, 'Request Header Fields Too Large'),
  timeout: clientError(408, 'Request Timeout'),
  malformed: clientError(400, 'Bad Request'),
};

/**
 * The local AWS endpoint: one HTTP server on 127.0.0.1 for the AWS APIs the local stack serves, told apart by
 * protocol as AWS's own endpoints are: JSON 1.0 with `X-Amz-Target: AWSStepFunctions.<Op>` → Step Functions,
 * REST `/2015-03-31/functions/{name}/invocations` → Lambda Invoke, JSON 1.0 `AmazonSQS.<Op>` → the local SQS when the
 * template declares queues. Other handlers (the local console) share it.
 */
export function createAwsApiService(options: AwsApiServiceOptions): AwsApiService {
  const log = options.log ?? stderrLog('aws-api');
  let server: Server | undefined;
  let port = 0;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<AwsAnswer | undefined> {
    if (!isLoopbackHost(req, port)) {
      req.resume();
      return restJsonError(403, 'ForbiddenException', {
        message: `Host ${JSON.stringify(req.headers.host ?? '')} is not this local endpoint (127.0.0.1:${port})`,
      });
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    for (const extra of options.extraRoutes ?? []) if (extra(req, res, url)) return undefined;
    const authorization = req.headers.authorization;
    const target = req.headers['x-amz-target'];
    if (req.method === 'POST' && url.pathname === '/' && typeof target === 'string') {
      const body = await readBody(req, MAX_STATES_BODY_BYTES);
      if (body === undefined)
        return statesError(413, 'RequestEntityTooLargeException', `Request body over ${MAX_STATES_BODY_BYTES} bytes`);
      if (target.startsWith('AmazonSQS.') && options.sqs)
        return options.sqs.handle(target.slice('AmazonSQS.'.length), body.toString('utf8'), authorization);
      if (!target.startsWith(STATES_TARGET_PREFIX)) {
        return statesError(
          400,
          'UnknownOperationException',
          `${target}: this endpoint serves Step Functions (AWSStepFunctions.*) and Lambda Invoke; DynamoDB is at the stack's DynamoDBEndpoint`,
        );
      }
      return answerStepFunctions(
        target.slice(STATES_TARGET_PREFIX.length),
        authorization,
        body.toString('utf8'),
        options.stepFunctions,
        options.authorize,
      );
    }
    const invoke = INVOKE_PATH.exec(url.pathname);
    if (invoke && req.method === 'POST') {
      const payload = await readBody(req, MAX_SYNC_PAYLOAD_BYTES);
      if (payload === undefined)
        return restJsonError(413, 'RequestEntityTooLargeException', {
          Type: 'User',
          message: `Request must be smaller than ${MAX_SYNC_PAYLOAD_BYTES} bytes for the InvokeFunction operation`,
        });
      const invocationType = req.headers['x-amz-invocation-type'];
      return answerInvoke(
        {
          functionName: decodeURIComponent(invoke[1] ?? ''),
          qualifier: url.searchParams.get('Qualifier'),
          invocationType: typeof invocationType === 'string' ? invocationType : undefined,
          authorization,
          payload,
        },
        options,
        log,
      );
    }
    req.resume();
    return restJsonError(404, 'UnknownOperationException', {
      message: `${req.method} ${url.pathname}: not an operation of the local AWS endpoint (Step Functions, Lambda Invoke, the console at /_console/)`,
    });
  }

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    res.on('error', (error) => log(`response error: ${error.message}`, 'warn'));
    route(req, res).then(
      (answer) => {
        if (answer !== undefined) sendAnswer(res, answer);
      },
      (error: unknown) => {
        log(`unexpected: ${error instanceof Error ? error.stack : String(error)}`, 'error');
        if (!res.headersSent)
          sendAnswer(
            res,
            restJsonError(500, 'ServiceException', { message: 'Internal error of the local AWS endpoint' }),
          );
        else res.destroy();
      },
    );
  };

  return {
    get endpoint() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    async start() {
      if (server !== undefined) throw new Error('aws-api: start() called twice');
      const listening = createServer(httpTimeoutOptions({ ...DEFAULT_HTTP_TIMEOUTS, ...options.httpTimeouts }), handle);
      answerClientErrors(listening, CLIENT_ERROR_ANSWERS, log);
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(options.port ?? 0, '127.0.0.1', () => {
          listening.off('error', reject);
          resolve();
        });
      });
      server = listening;
      port = (listening.address() as AddressInfo).port;
      log(`Step Functions and Lambda Invoke on http://127.0.0.1:${port}`);
    },
    async stop() {
      const closing = server;
      if (closing === undefined) return;
      server = undefined;
      await new Promise<void>((resolve) => {
        closing.close(() => resolve());
        closing.closeAllConnections();
      });
      port = 0;
    },
  };
}
