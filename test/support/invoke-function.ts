/**
 * What a backend does to send to an identity: Lambda `Invoke` of the stack's `SendToIdentityFunction` through the AWS
 * SDK, here against the local stack's Lambda endpoint (output `LambdaEndpoint`), with the developer's keys (the local
 * stack lets a key that names no role do anything) or a role's.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DEVELOPER } from './aws-credentials.ts';

export type InvokeAnswer =
  | { kind: 'result'; result: unknown }
  | { kind: 'error'; errorType: string; errorMessage: string };

export async function invokeFunction(
  outputs: { LambdaEndpoint: string; Region: string },
  functionName: string,
  payload: unknown,
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = DEVELOPER,
): Promise<InvokeAnswer> {
  const lambda = new LambdaClient({ endpoint: outputs.LambdaEndpoint, region: outputs.Region, credentials });
  try {
    const answer = await lambda.send(
      new InvokeCommand({ FunctionName: functionName, Payload: new TextEncoder().encode(JSON.stringify(payload)) }),
    );
    const body = JSON.parse(new TextDecoder().decode(answer.Payload)) as unknown;
    if (answer.FunctionError === undefined) return { kind: 'result', result: body };
    const { errorType, errorMessage } = body as { errorType: string; errorMessage: string };
    return { kind: 'error', errorType, errorMessage };
  } finally {
    lambda.destroy();
  }
}
