import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { startCloudFormationEndpoint, type FakeStack } from './cloudformation-endpoint.ts';
import { startCloudWatchEndpoint, type FakeAlarm } from './cloudwatch-endpoint.ts';

const ALARMS = ['ws-dev-IntegrationErrorRateAlarm-1AB', 'ws-dev-DefaultFunctionErrorsAlarm-2CD'];
const ok = (name: string): FakeAlarm => ({ name, state: 'OK' });

async function gate(stack: FakeStack, looks: FakeAlarm[][], args: string[] = []) {
  const cloudFormation = await startCloudFormationEndpoint([stack]);
  const cloudWatch = await startCloudWatchEndpoint(looks);
  try {
    const run = await execa(
      process.execPath,
      ['--import', 'tsx', 'scripts/release-gate.ts', '--stack-name', stack.name, '--region', 'eu-west-1', ...args],
      {
        reject: false,
        all: true,
        env: {
          AWS_ENDPOINT_URL_CLOUDFORMATION: cloudFormation.url,
          AWS_ENDPOINT_URL_CLOUDWATCH: cloudWatch.url,
          AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
          AWS_SECRET_ACCESS_KEY: 'secret',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        },
      },
    );
    return { exitCode: run.exitCode, output: run.all ?? '', lookedAt: cloudWatch.requests };
  } finally {
    await cloudWatch.stop();
    await cloudFormation.stop();
  }
}

const stackWith = (outputs: Record<string, string>, status = 'UPDATE_COMPLETE'): FakeStack => ({
  name: 'ws-dev',
  status,
  outputs,
});
const gated = stackWith({ ReleaseGateAlarms: ALARMS.join(',') });

describe('npm run release-gate', () => {
  it('opens when every alarm the stack names is OK or has no data yet', async () => {
    const run = await gate(gated, [[ok(ALARMS[0]!), { name: ALARMS[1]!, state: 'INSUFFICIENT_DATA' }]]);
    assert.equal(run.exitCode, 0, run.output);
    assert.match(run.output, /release gate: open: 1 INSUFFICIENT_DATA, 1 OK of 2 alarms/);
    assert.deepEqual(run.lookedAt, [ALARMS]);
  });

  it('closes on an alarm in ALARM, naming it and why', async () => {
    const run = await gate(gated, [
      [ok(ALARMS[0]!), { name: ALARMS[1]!, state: 'ALARM', reason: 'Threshold Crossed: 1 datapoint [3.0] >= 1.0' }],
    ]);
    assert.equal(run.exitCode, 1, run.output);
    assert.match(
      run.output,
      /release gate: ALARM ws-dev-DefaultFunctionErrorsAlarm-2CD \(since 2026-12-01T08:00:00.000Z\): Threshold Crossed: 1 datapoint \[3.0\] >= 1.0/,
    );
    assert.match(run.output, /release gate: closed: 1 ALARM, 1 OK of 2 alarms/);
  });

  it('keeps watching for the window and closes when an alarm fires after the smoke traffic', async () => {
    const run = await gate(
      gated,
      [
        [ok(ALARMS[0]!), ok(ALARMS[1]!)],
        [{ name: ALARMS[0]!, state: 'ALARM', reason: 'IntegrationError 40%' }, ok(ALARMS[1]!)],
      ],
      ['--watch-seconds', '3', '--interval-seconds', '1'],
    );
    assert.equal(run.exitCode, 1, run.output);
    assert.match(run.output, /release gate: 2 OK; watching \d s more\n/);
    assert.match(run.output, /ALARM ws-dev-IntegrationErrorRateAlarm-1AB .*: IntegrationError 40%/);
    assert.equal(run.lookedAt.length, 2);
  });

  it('closes when an alarm the stack names does not exist (deleted by hand, or the wrong region)', async () => {
    const run = await gate(gated, [[ok(ALARMS[0]!)]]);
    assert.equal(run.exitCode, 1, run.output);
    assert.match(run.output, /alarm ws-dev-DefaultFunctionErrorsAlarm-2CD named by the stack was not found/);
  });

  it('a stack without alarms passes on the smoke suite alone, and says so', async () => {
    const run = await gate(stackWith({ APIEndpoint: 'wss://x' }), [[]]);
    assert.equal(run.exitCode, 0, run.output);
    assert.match(
      run.output,
      /has no ReleaseGateAlarms output \(no alarms in its config\): the smoke suite is the whole gate/,
    );
    assert.deepEqual(run.lookedAt, []);
  });

  it('refuses a rolled-back stack and bad usage with exit 2', async () => {
    const rolledBack = await gate(stackWith({ ReleaseGateAlarms: ALARMS[0]! }, 'UPDATE_ROLLBACK_COMPLETE'), [[]]);
    assert.equal(rolledBack.exitCode, 2, rolledBack.output);
    assert.match(rolledBack.output, /status UPDATE_ROLLBACK_COMPLETE is not usable for a release gate/);
    const negative = await gate(gated, [[]], ['--watch-seconds=-5']);
    assert.equal(negative.exitCode, 2);
    assert.match(negative.output, /--watch-seconds: must be a whole number of seconds from 0 to 3600 \(got "-5"\)/);
    const emptyName = await gate(stackWith({ ReleaseGateAlarms: `${ALARMS[0]},,${ALARMS[1]}` }), [[]]);
    assert.equal(emptyName.exitCode, 2, emptyName.output);
    assert.match(
      emptyName.output,
      /output ReleaseGateAlarms must be alarm names separated by commas, none empty or padded/,
    );
    assert.deepEqual(emptyName.lookedAt, []);
    const zeroInterval = await gate(gated, [[]], ['--interval-seconds', '0']);
    assert.match(
      zeroInterval.output,
      /--interval-seconds: must be a whole number of seconds from 1 to 3600 \(got "0"\)/,
    );
  });
});
