/**
 * The smoke suite against the OCPP example on an in-process local stack: its outputs declare
 * subprotocols, a REQUEST authorizer, an identity path and a sendToIdentity route, so the suite
 * runs those feature steps (with the example's demo credentials).
 */
import { after } from 'node:test';
import { startLocalStack } from '../../local/stack/index.ts';
import { parseStackOutputs } from '../../smoke/outputs.ts';
import { DEFAULT_SMOKE_SETTINGS } from '../../smoke/settings.ts';
import { defineSmokeSuite } from '../../smoke/suite.ts';
import { freshBundleDir } from '../support/generated-stack.ts';

const stack = await startLocalStack({
  templateFile: 'examples/ocpp/template.yaml',
  bundleDir: freshBundleDir(),
  log: () => {},
});
after(async () => {
  await stack.stop();
});

defineSmokeSuite(parseStackOutputs(stack.outputs, 'local OCPP stack'), {
  ...DEFAULT_SMOKE_SETTINGS,
  stepTimeoutMs: 10_000,
  callbackTimeoutMs: 10_000,
  authorization: `Basic ${Buffer.from('CP001:demo-password-CP001').toString('base64')}`,
  identity: 'CP001',
});
