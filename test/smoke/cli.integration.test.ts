/**
 * `npm run smoke` (scripts/smoke.ts) end to end: usage errors exit 2 with the rule, and
 * `--stack-name` reads DescribeStacks from CloudFormation (here a loopback endpoint reached
 * through the SDK's standard AWS_ENDPOINT_URL_CLOUDFORMATION) and passes against a local stack.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { startLocalStack } from '../../local/stack/index.ts';
import { startCloudFormationEndpoint } from './cloudformation-endpoint.ts';

const smoke = (args: string[], env: Record<string, string> = {}) =>
  execa(process.execPath, ['--import', 'tsx', 'scripts/smoke.ts', ...args], { reject: false, all: true, env });

describe('npm run smoke', () => {
  it('explains bad usage and exits 2', async () => {
    const none = await smoke([]);
    assert.equal(none.exitCode, 2);
    assert.match(
      none.all ?? '',
      /npm run smoke: no target: give --outputs FILE \(a local stack: \.local\/outputs\.json\) or --stack-name NAME\nusage: npm run smoke/,
    );
    const timeout = await smoke(['--outputs', 'x.json', '--step-timeout', 'soon']);
    assert.equal(timeout.exitCode, 2);
    assert.match(timeout.all ?? '', /--step-timeout: must be a positive integer of milliseconds \(got "soon"\)/);
    const both = await smoke(['--outputs', 'x.json', '--stack-name', 'ws-dev']);
    assert.match(both.all ?? '', /--outputs and --stack-name: give one, not both/);
    const unknown = await smoke(['--stack', 'ws-dev']);
    assert.equal(unknown.exitCode, 2);
    assert.equal(
      unknown.all?.split('\n')[0],
      'npm run smoke: --stack: unknown option (options: --outputs, --stack-name, --region, --step-timeout, --callback-timeout, --identity, --help)',
    );
  });

  it('--stack-name: reads the outputs from CloudFormation and runs the whole suite green', async () => {
    const stack = await startLocalStack({
      waitTimeScale: 0.01,
      bundleDir: mkdtempSync(join(tmpdir(), 'cli-bundles-')),
      log: () => {},
    });
    const cloudFormation = await startCloudFormationEndpoint([
      { name: 'ws-local', status: 'CREATE_COMPLETE', outputs: { ...stack.outputs } },
    ]);
    try {
      const run = await smoke(['--stack-name', 'ws-local', '--region', 'us-east-1'], {
        AWS_ENDPOINT_URL_CLOUDFORMATION: cloudFormation.url,
        AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'secret',
      });
      assert.equal(run.exitCode, 0, run.all);
      assert.match(run.all ?? '', /ℹ pass 9\nℹ fail 0/);
      assert.deepEqual(cloudFormation.requests, [
        { Action: 'DescribeStacks', Version: '2010-05-15', StackName: 'ws-local' },
      ]);
    } finally {
      await cloudFormation.stop();
      await stack.stop();
    }
  });
});
