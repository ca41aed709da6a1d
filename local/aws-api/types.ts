import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestAuthorizations } from '../iam/index.ts';
import type { InvokeLimits, InvokeOutcome } from '../lambda/index.ts';
import type { HttpTimeouts } from '../shared/client-error.ts';
import type { LocalLog } from '../shared/log.ts';
import type { AwsAnswer } from './answer.ts';
import type { LocalService } from '../shared/service.ts';

/** A function the Lambda Invoke API knows: its name in the Lambda service and its unqualified ARN. */
export interface InvokableFunction {
  name: string;
  arn: string;
  /** Its aliases and versions the template creates (`live`, `1`): each runs the function's current code. */
  qualifiers?: readonly string[];
}

/**
 * IAM for a request: undefined when it may go ahead, else AWS's access-denied message. The stack evaluates
 * requests signed with a template role's key against that role's policies, and lets any other key through (the
 * developer's own tools); see local/FEATURES.md "Local AWS endpoint".
 */
export type EndpointAuthorizer = (
  authorization: string | undefined,
  authorizations: RequestAuthorizations,
) => Promise<string | undefined>;

/** More handlers on the same server (the local console); one returns true when it took the request. */
export type ExtraRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

export interface AwsApiServiceOptions {
  /** @default 0 (any free port) */
  port?: number;
  region: string;
  accountId: string;
  stepFunctions: { handle(operation: string, body: string): Promise<AwsAnswer> };
  lambda: {
    functions: InvokableFunction[];
    invoke(name: string, event: unknown, limits?: InvokeLimits): Promise<InvokeOutcome>;
  };
  /** The local SQS (JSON 1.0, `X-Amz-Target: AmazonSQS.<Op>`); absent when the template declares no queue. */
  sqs?: { handle(operation: string, body: string, authorization: string | undefined): Promise<AwsAnswer> };
  /** Absent: nothing is evaluated (`iam: 'off'`). */
  authorize?: EndpointAuthorizer;
  extraRoutes?: ExtraRoute[];
  httpTimeouts?: Partial<HttpTimeouts>;
  /** @default stderr */
  log?: LocalLog;
}

export interface AwsApiService extends LocalService {
  /** `http://127.0.0.1:{port}` once started. */
  readonly endpoint: string;
  readonly port: number;
}
