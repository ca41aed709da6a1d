/**
 * The smoke suite against the production example on an in-process local stack: it connects through PublicURL (the
 * custom domain, served at the local edge) with the example's web ACL applied, and runs every route step.
 */
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { startLocalStack } from '../../local/stack/index.ts';
import { parseStackOutputs } from '../../smoke/outputs.ts';
import { DEFAULT_SMOKE_SETTINGS } from '../../smoke/settings.ts';
import { defineSmokeSuite } from '../../smoke/suite.ts';
import { freshBundleDir } from '../support/generated-stack.ts';

const lines: string[] = [];
const stack = await startLocalStack({
  templateFile: 'examples/production/template.yaml',
  bundleDir: freshBundleDir(),
  log: (line) => lines.push(line),
});
after(async () => {
  await stack.stop();
});

it('outputs the public URL (the local edge) and names the managed rule group it does not apply', () => {
  assert.equal(stack.outputs['PublicURL'], stack.outputs.Distribution);
  assert.ok(
    lines.some((line) =>
      line.includes(
        'web ACL local-Edge: rule AWSManagedRulesAmazonIpReputationList (an AWS managed rule group) is not applied locally',
      ),
    ),
    lines.join('\n'),
  );
});

defineSmokeSuite(parseStackOutputs(stack.outputs, 'local production stack'), {
  ...DEFAULT_SMOKE_SETTINGS,
  stepTimeoutMs: 10_000,
  callbackTimeoutMs: 10_000,
});
