/**
 * The smoke suite, unchanged, against an in-process local stack started from template.yaml on
 * ephemeral ports (Wait states scaled down, so async_sfn calls back within milliseconds).
 */
import { after } from 'node:test';
import { startLocalStack } from '../../local/stack/index.ts';
import { parseStackOutputs } from '../../smoke/outputs.ts';
import { DEFAULT_SMOKE_SETTINGS } from '../../smoke/settings.ts';
import { defineSmokeSuite } from '../../smoke/suite.ts';
import { freshBundleDir } from '../support/generated-stack.ts';

// Started before the suite is defined: the outputs decide which steps exist.
const stack = await startLocalStack({ waitTimeScale: 0.01, bundleDir: freshBundleDir(), log: () => {} });
after(async () => {
  await stack.stop();
});

defineSmokeSuite(parseStackOutputs(stack.outputs, 'local stack'), {
  ...DEFAULT_SMOKE_SETTINGS,
  stepTimeoutMs: 10_000,
  callbackTimeoutMs: 10_000,
});
