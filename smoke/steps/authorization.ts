/** `$connect` authorization with a REQUEST authorizer (stacks that output Authorization = REQUEST). */
import assert from 'node:assert/strict';
import { expectRefused } from '../client.ts';
import type { SmokeContext } from '../context.ts';
import { smokeStep } from './smoke-step.ts';
import { featureClient } from '../features.ts';

export function authorizationSteps(context: SmokeContext): void {
  const { settings } = context;

  const refusal = async (authorization: string | null): Promise<number> => {
    const { url, options } = featureClient(context.outputs(), settings, { authorization });
    const what = `a client with ${authorization === null ? 'no credentials' : 'bad credentials'}`;
    return (await expectRefused(url, settings.stepTimeoutMs, what, options)).statusCode;
  };

  smokeStep(context, 'Authorization: a client without credentials is refused with 401', async () => {
    assert.equal(await refusal(null), 401);
  });

  smokeStep(context, 'Authorization: a client with bad credentials is refused with 403', async () => {
    // Same scheme and user as the good credentials, another password.
    const user = settings.identity ?? 'smoke';
    const bad = `Basic ${Buffer.from(`${user}:${context.uniqueId()}`).toString('base64')}`;
    assert.equal(await refusal(bad), 403);
  });
}
