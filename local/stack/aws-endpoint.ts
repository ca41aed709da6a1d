import {
  createAwsApiService,
  type AwsApiService,
  type AwsApiServiceOptions,
  type ExtraRoute,
  type InvokableFunction,
} from '../aws-api/index.ts';
import type { HttpTimeouts } from '../shared/client-error.ts';
import type { LocalLog } from '../shared/log.ts';
import type { DeferredServices } from './deferred-services.ts';
import { unqualifiedFunctionArn } from './function-targets.ts';
import type { StackIamGuard } from './iam-guard.ts';

export interface AwsEndpointOptions {
  port: number;
  region: string;
  accountId: string;
  functions: InvokableFunction[];
  /** Undefined with `iam: 'off'`: nothing is evaluated. */
  iam: StackIamGuard | undefined;
  extraRoutes?: ExtraRoute[];
  /** The local SQS, when the template declares queues. */
  sqs?: AwsApiServiceOptions['sqs'];
  httpTimeouts?: Partial<HttpTimeouts>;
  log: LocalLog;
}

/** The functions Lambda `Invoke` finds (ARN → name), each with the qualifiers of its aliases and versions. */
export function invokableFunctions(
  names: ReadonlyMap<string, string>,
  versionsAndAliases: readonly string[],
): InvokableFunction[] {
  return [...names].map(([arn, name]) => ({
    name,
    arn,
    qualifiers: versionsAndAliases
      .filter((qualified) => unqualifiedFunctionArn(qualified) === arn)
      .map((qualified) => qualified.slice(arn.length + 1)),
  }));
}

/**
 * The local AWS endpoint (Step Functions, Lambda Invoke), started before the backends it serves: its URL goes into
 * the functions' environment (AWS_ENDPOINT_URL_SFN, AWS_ENDPOINT_URL_LAMBDA), and a request arriving meanwhile
 * waits for them.
 */
export async function startAwsEndpoint(
  backends: DeferredServices,
  options: AwsEndpointOptions,
): Promise<AwsApiService> {
  const { iam } = options;
  const service = createAwsApiService({
    port: options.port,
    region: options.region,
    accountId: options.accountId,
    log: options.log,
    stepFunctions: {
      handle: (operation, body) => backends.use((ready) => ready.stepFunctions.handle(operation, body)),
    },
    lambda: {
      functions: options.functions,
      invoke: (name, event, limits) => backends.use((ready) => ready.lambda.invoke(name, event, limits)),
    },
    ...(iam ? { authorize: (authorization, authorizations) => iam.endpointCall(authorization, authorizations) } : {}),
    ...(options.sqs ? { sqs: options.sqs } : {}),
    ...(options.extraRoutes ? { extraRoutes: options.extraRoutes } : {}),
    ...(options.httpTimeouts ? { httpTimeouts: options.httpTimeouts } : {}),
  });
  await service.start();
  return service;
}
