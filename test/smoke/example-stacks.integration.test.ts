/**
 * The smoke suite, unchanged, against the local stack of examples it has no sample steps for: minimal (no edge),
 * chat (no $default, a silent broadcast route), workflows (user ASL definitions). Each suite derives its steps
 * from its own stack's outputs.
 */
import { after, describe } from 'node:test';
import { type LocalStack, startLocalStack } from '../../local/stack/index.ts';
import { parseStackOutputs } from '../../smoke/outputs.ts';
import { DEFAULT_SMOKE_SETTINGS } from '../../smoke/settings.ts';
import { defineSmokeSuite } from '../../smoke/suite.ts';
import { freshBundleDir } from '../support/generated-stack.ts';

const EXAMPLES = ['minimal', 'chat', 'workflows', 'charge-points'];

// Every stack is started, one after the other, before any suite is defined (the outputs decide which steps exist),
// and one root `after` hook stops them. Once, in CI, the chat stack's ports were closed before its suite ran, while
// suites were defined between the starts, each with a root hook of its own; not reproduced here since (six runs).
const stacks: LocalStack[] = [];
for (const example of EXAMPLES) {
  stacks.push(
    await startLocalStack({
      templateFile: `examples/${example}/template.yaml`,
      waitTimeScale: 0.01,
      bundleDir: freshBundleDir(),
      log: () => {},
    }),
  );
}
after(async () => {
  await Promise.all(stacks.map((stack) => stack.stop()));
});
EXAMPLES.forEach((example, index) => {
  const stack = stacks[index];
  if (stack === undefined) throw new Error(`no stack for ${example}`);
  describe(example, () => {
    defineSmokeSuite(parseStackOutputs(stack.outputs, `examples/${example}`), {
      ...DEFAULT_SMOKE_SETTINGS,
      stepTimeoutMs: 10_000,
      callbackTimeoutMs: 10_000,
    });
  });
});
