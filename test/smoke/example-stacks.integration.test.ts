/**
 * The smoke suite, unchanged, against the local stack of examples it has no sample steps for: minimal (no edge),
 * chat (no $default, a silent broadcast route), workflows (user ASL definitions). Each suite derives its steps
 * from its own stack's outputs.
 */
import { after, describe } from 'node:test';
import { startLocalStack } from '../../local/stack/index.ts';
import { parseStackOutputs } from '../../smoke/outputs.ts';
import { DEFAULT_SMOKE_SETTINGS } from '../../smoke/settings.ts';
import { defineSmokeSuite } from '../../smoke/suite.ts';
import { freshBundleDir } from '../support/generated-stack.ts';

for (const example of ['minimal', 'chat', 'workflows', 'charge-points']) {
  // Started one after the other before the suites are defined: the outputs decide which steps exist.
  const stack = await startLocalStack({
    templateFile: `examples/${example}/template.yaml`,
    waitTimeScale: 0.01,
    bundleDir: freshBundleDir(),
    log: () => {},
  });
  after(async () => {
    await stack.stop();
  });
  describe(example, () => {
    defineSmokeSuite(parseStackOutputs(stack.outputs, `examples/${example}`), {
      ...DEFAULT_SMOKE_SETTINGS,
      stepTimeoutMs: 10_000,
      callbackTimeoutMs: 10_000,
    });
  });
}
