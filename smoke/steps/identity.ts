/** Connections named by their URL path (stacks that output IdentityPathPattern), and sending to an identity. */
import assert from 'node:assert/strict';
import { connect, expectRefused } from '../client.ts';
import type { SmokeContext } from '../context.ts';
import { smokeStep } from './smoke-step.ts';
import { featureClient, identityAttribute, identityPath } from '../features.ts';
import { edgeUrl } from '../outputs.ts';

export function identitySteps(context: SmokeContext): void {
  const { settings } = context;
  const identity = () => {
    if (settings.identity === undefined) throw new Error('the smoke settings name no identity');
    return settings.identity;
  };

  smokeStep(
    context,
    'Identity: a client on its identity path gets a session record holding the identity, removed on close',
    async () => {
      const outputs = context.outputs();
      const attribute = identityAttribute(outputs);
      const known = await context.sessions().connectionsOf(attribute, identity());
      const { url, options } = featureClient(outputs, settings);
      const client = await connect(url, settings.stepTimeoutMs, options);
      let connectionId: string | undefined;
      try {
        connectionId = await context
          .sessions()
          .waitForNewConnection(attribute, identity(), known, settings.stepTimeoutMs);
        const record = await context.sessions().waitUntilPresent(connectionId, settings.stepTimeoutMs);
        assert.equal(record[attribute]?.S, identity(), `session record: ${attribute}`);
        assert.equal(record['path']?.S, identityPath(outputs, identity()), 'session record: path');
      } finally {
        await client.close();
      }
      await context.sessions().waitUntilGone(connectionId, settings.stepTimeoutMs);
    },
  );

  smokeStep(context, 'Identity: a path outside the pattern is refused at the edge with 404', async () => {
    const { options } = featureClient(context.outputs(), settings);
    const url = `${edgeUrl(context.outputs()).replace(/\/$/, '')}/${context.uniqueId()}/a/b/c`;
    const result = await expectRefused(url, settings.stepTimeoutMs, url, options);
    assert.equal(result.statusCode, 404, `refusal status (body ${result.body})`);
  });
}

/** The route that sends to an identity: a second connection of the same identity is the receiver. */
export function sendToIdentitySteps(context: SmokeContext, routeKey: string): void {
  const { settings } = context;
  smokeStep(
    context,
    `Identity: a message sent to the identity through ${routeKey} arrives on its connection`,
    async () => {
      const { url, options } = featureClient(context.outputs(), settings);
      const receiver = await connect(url, settings.stepTimeoutMs, options);
      const sender = await connect(url, settings.stepTimeoutMs, options);
      try {
        const data = { smoke: context.uniqueId() };
        sender.socket.send(JSON.stringify({ action: routeKey, identity: settings.identity, data }));
        assert.deepEqual(await receiver.nextJson('the data sent to the identity', settings.stepTimeoutMs), data);
        // The sender has the same identity, so it receives the data too, then the delivery report.
        const messages = [
          await sender.nextJson('a message', settings.stepTimeoutMs),
          await sender.nextJson('a message', settings.stepTimeoutMs),
        ];
        const report = messages.find((m) => typeof m === 'object' && m !== null && 'delivered' in m) as
          | { delivered: number; identity: string }
          | undefined;
        assert.ok(report, `no delivery report among ${JSON.stringify(messages)}`);
        assert.equal(report.identity, settings.identity);
        assert.ok(
          report.delivered >= 2,
          `delivery report: delivered ${report.delivered}, expected at least the 2 open connections`,
        );
      } finally {
        await Promise.all([receiver.close(), sender.close()]);
      }
    },
  );
}
