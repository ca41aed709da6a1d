/**
 * Stacks that let only their edge in (DirectAccess = refused): CloudFront adds a secret header the client never
 * sees, and `$connect` refuses every handshake without it. A client that goes to APIEndpoint directly, with
 * everything the edge would have added but the secret (the path header, the copied credentials) or with a guessed
 * secret, is refused and leaves no session record under its identity. Which status AWS answers a refusal of a VTL
 * `$connect` with is not documented (the local stack answers 500): any refusal passes; the status is in the message.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect, expectRefused } from '../client.ts';
import type { SmokeContext } from '../context.ts';
import { smokeStep } from './smoke-step.ts';
import { featureClient, identityAttribute, identityPath } from '../features.ts';

export function edgeOnlySteps(context: SmokeContext): void {
  const { settings } = context;
  const guesses: Array<[string, () => Record<string, string>]> = [
    ["without the edge's secret header", () => ({})],
    ['with a guessed secret header', () => ({ 'x-origin-verify': randomBytes(32).toString('hex') })],
  ];
  for (const [how, secretHeader] of guesses) {
    smokeStep(
      context,
      `APIEndpoint: a client that skips the edge is refused ${how}, even with the headers the edge adds`,
      async () => {
        const outputs = context.outputs();
        const { options } = featureClient(outputs, settings);
        const path =
          outputs.IdentityPathPattern !== undefined && settings.identity !== undefined
            ? identityPath(outputs, settings.identity)
            : `/${context.uniqueId()}`;
        const credentials = options.headers?.['Authorization'];
        const forged = {
          'ws-uri': path,
          ...(credentials ? { 'ws-authorization': credentials } : {}),
          ...secretHeader(),
        };
        const known =
          outputs.IdentityPathPattern !== undefined && settings.identity !== undefined
            ? await context.sessions().connectionsOf(identityAttribute(outputs), settings.identity)
            : undefined;
        const result = await expectRefused(outputs.APIEndpoint, settings.stepTimeoutMs, `a direct client ${how}`, {
          ...options,
          headers: { ...options.headers, ...forged },
        });
        assert.ok(
          result.statusCode >= 400 && result.statusCode <= 599,
          `refusal status: ${result.statusCode} (body ${result.body})`,
        );
        if (known !== undefined) {
          assert.deepEqual(
            await context.sessions().connectionsOf(identityAttribute(outputs), settings.identity!),
            known,
            `no new session record for ${settings.identity}`,
          );
        }
      },
    );
  }
}

/** Stacks that list browser origins (AllowedOrigins): through the edge, another site's page is refused with 403. */
export function originSteps(context: SmokeContext, allowed: readonly string[]): void {
  const { settings } = context;
  smokeStep(
    context,
    'Origins: a browser page from an allowed origin connects, one from another site is refused with 403',
    async () => {
      const { url, options } = featureClient(context.outputs(), settings);
      const other = `https://${context.uniqueId()}.invalid`;
      const refused = await expectRefused(url, settings.stepTimeoutMs, `a page from ${other}`, {
        ...options,
        headers: { ...options.headers, Origin: other },
      });
      assert.equal(refused.statusCode, 403, `refusal status (body ${refused.body})`);
      const client = await connect(url, settings.stepTimeoutMs, {
        ...options,
        headers: { ...options.headers, Origin: allowed[0]! },
      });
      await client.close();
    },
  );
}
