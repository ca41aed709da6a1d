import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCOUNT, REGION, machineFromTemplate } from './fixtures.ts';
import {
  createStepFunctionsService,
  UnsupportedTaskResourceError,
  type StateMachineConfig,
} from '../../../local/stepfunctions/index.ts';

const options = (stateMachines: StateMachineConfig[]) => ({
  region: REGION,
  accountId: ACCOUNT,
  stateMachines,
  invokeApiGateway: async () => ({ statusCode: 200, headers: {}, body: '' }),
});

describe('createStepFunctionsService construction checks', () => {
  it('refuses a Task Resource it cannot serve locally, naming the state and the resource', () => {
    const lambdaArn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:Worker`;
    const machine: StateMachineConfig = {
      arn: `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:UsesLambda`,
      name: 'UsesLambda',
      type: 'EXPRESS',
      definition: {
        StartAt: 'Parallel',
        States: {
          Parallel: {
            Type: 'Parallel',
            End: true,
            Branches: [
              { StartAt: 'Call Worker', States: { 'Call Worker': { Type: 'Task', Resource: lambdaArn, End: true } } },
            ],
          },
        },
      },
    };

    assert.throws(
      () => createStepFunctionsService(options([machine])),
      (error: unknown) => {
        assert.ok(error instanceof UnsupportedTaskResourceError);
        assert.match(
          error.message,
          /^State machine "UsesLambda", state "Call Worker": Task Resource "arn:aws:lambda:us-east-1:123456789012:function:Worker" cannot be run locally/,
        );
        return true;
      },
    );
  });

  it('refuses an invalid definition with the asl-validator message', () => {
    const machine = machineFromTemplate('SyncSfnStateMachine');
    machine.definition = { StartAt: 'Missing', States: { Wait: { Type: 'Wait', Seconds: 1, End: true } } };

    assert.throws(
      () => createStepFunctionsService(options([machine])),
      /^TypeError: createStepFunctionsService: invalid options:\n {2}stateMachines\[0\]\.definition \("SyncSfnStateMachine"\) is not valid ASL: .*Missing/,
    );
  });

  it('refuses a state machine ARN outside the configured region and account', () => {
    const machine = {
      ...machineFromTemplate('SyncSfnStateMachine'),
      arn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:SyncSfnStateMachine',
    };

    assert.throws(() => createStepFunctionsService(options([machine])), {
      name: 'TypeError',
      message:
        'createStepFunctionsService: invalid options:\n  stateMachines[0].arn: "arn:aws:states:eu-west-1:123456789012:stateMachine:SyncSfnStateMachine" is not in region "us-east-1" and account "123456789012"',
    });
  });

  it('refuses a negative waitTimeScale', () => {
    assert.throws(() => createStepFunctionsService({ ...options([]), waitTimeScale: -1 }), {
      message: 'createStepFunctionsService: invalid options:\n  waitTimeScale: -1 must be a finite number >= 0',
    });
  });

  it('names every problem at once: a bad scale, a duplicate machine and an invalid definition', () => {
    const valid = machineFromTemplate('SyncSfnStateMachine');
    const broken = { ...valid, definition: { StartAt: 'Missing', States: {} } };
    assert.throws(
      () => createStepFunctionsService({ ...options([valid, broken]), retryIntervalScale: Number.NaN }),
      (error: Error) => {
        const lines = error.message.split('\n');
        assert.equal(lines[0], 'createStepFunctionsService: invalid options:');
        assert.equal(lines[1], '  retryIntervalScale: NaN must be a finite number >= 0');
        assert.equal(lines[2], `  stateMachines[1].arn: ${JSON.stringify(valid.arn)} is listed twice`);
        assert.match(
          lines[3] ?? '',
          /^ {2}stateMachines\[1\]\.definition \("SyncSfnStateMachine"\) is not valid ASL: /,
        );
        return true;
      },
    );
  });
});
