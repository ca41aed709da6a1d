import { DEFAULT_REGION } from '../shared/constants.ts';
import { DEFAULT_RUNTIME } from './runtimes.ts';
import type { LambdaFunctionSpec } from './types.ts';

/**
 * The worker's whole `process.env`: base environment, then the function's variables, then
 * the variables the Lambda runtime itself sets (last, because AWS refuses to let a function
 * override those reserved keys). Nothing comes from the parent's `process.env`.
 */
export function lambdaEnvironment(
  spec: LambdaFunctionSpec,
  taskRoot: string,
  baseEnvironment: Record<string, string>,
): Record<string, string> {
  const region = baseEnvironment.AWS_REGION ?? DEFAULT_REGION;
  return {
    ...baseEnvironment,
    ...spec.environment,
    ...(spec.credentials
      ? {
          AWS_ACCESS_KEY_ID: spec.credentials.accessKeyId,
          AWS_SECRET_ACCESS_KEY: spec.credentials.secretAccessKey,
          AWS_SESSION_TOKEN: spec.credentials.sessionToken,
        }
      : {}),
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${spec.runtime ?? DEFAULT_RUNTIME}`,
    AWS_LAMBDA_FUNCTION_NAME: spec.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memorySizeMb),
    AWS_LAMBDA_FUNCTION_TIMEOUT: String(spec.timeoutSeconds),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${spec.name}`,
    LAMBDA_TASK_ROOT: taskRoot,
    _HANDLER: spec.handler,
  };
}
