/** A custom domain on the API (no edge): PublicURL is the local stage, and a client connects to it. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import type { LocalStack } from '../../../local/stack/index.ts';
import { startStackFromConfig } from '../../support/generated-stack.ts';

describe('a custom domain on the API', () => {
  let stack: LocalStack;
  before(async () => {
    stack = await startStackFromConfig({
      routes: { $default: { integration: 'lambda', handler: 'handlers/default.ts' } },
      region: 'eu-west-1',
      edge: { enabled: false },
      sessions: { store: { path: false } },
      domain: {
        name: 'ws.example.com',
        certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0b7c1a2e-1111-2222-3333-444455556666',
      },
    });
  });
  after(async () => {
    await stack?.stop();
  });

  it('names the local stage as the public URL, and a client connects there', async () => {
    assert.equal(stack.outputs['PublicURL'], stack.outputs.APIEndpoint);
    const socket = new WebSocket(stack.outputs['PublicURL']!);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.close();
  });
});
