/** `$connect` authorization with a REQUEST authorizer (stacks that output Authorization = REQUEST). */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { expectRefused } from '../client.ts';
import type { SmokeContext } from '../context.ts';
import { featureClient } from '../features.ts';
import { testTimeoutMs } from '../settings.ts';

export function authorizationSteps(context: SmokeContext): void {
  const { settings } = context;
  const timeout = testTimeoutMs(settings);

  const refusal = async (authorization: string | null): Promise<number> => {
    const { url, options } = featureClient(context.outputs(), settings, { authorization });
    const what = `a client with ${authorization === null ? 'no credentials' : 'bad credentials'}`;
    return (await expectRefused(url, settings.stepTimeoutMs, what, options)).statusCode;
  };

  it('Authorization: a client without credentials is refused with 401', { timeout }, async () => {
    assert.equal(await refusal(null), 401);
  });

  it('Authorization: a client with bad credentials is refused with 403', { timeout }, async () => {
    // Same scheme and user as the good credentials, another password.
    const user = settings.identity ?? 'smoke';
    const bad = `Basic ${Buffer.from(`${user}:${context.uniqueId()}`).toString('base64')}`;
    assert.equal(await refusal(bad), 403);
  });
}
