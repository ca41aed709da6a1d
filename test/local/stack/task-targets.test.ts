/** Workflow Tasks whose function cannot run locally are refused at start, each named, as routes with such targets are. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unrunnableTaskTargets } from '../../../local/stack/task-targets.ts';
import type { LocalStateMachine } from '../../../local/template/index.ts';

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:local-';
const machine = (states: Record<string, unknown>): LocalStateMachine => ({
  logicalId: 'FlowStateMachine',
  name: 'local-FlowStateMachine',
  arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:local-FlowStateMachine',
  type: 'STANDARD',
  roleArn: undefined,
  policies: undefined,
  definition: { StartAt: Object.keys(states)[0], States: states },
});

describe('unrunnableTaskTargets', () => {
  it('names each Task whose function does not run or is not in the template, by ARN or lambda:invoke FunctionName', () => {
    const names = new Map([[`${ARN}Runs`, 'local-Runs']]);
    const notRun = new Map([[`${ARN}Python`, 'function Python: python3.7 is deprecated']]);
    assert.deepEqual(
      unrunnableTaskTargets(
        [
          machine({
            Runs: { Type: 'Task', Resource: `${ARN}Runs`, Next: 'ByName' },
            ByName: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Parameters: { FunctionName: 'local-Runs' },
              Next: 'Python',
            },
            Python: { Type: 'Task', Resource: `${ARN}Python`, Next: 'Missing' },
            Missing: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Parameters: { FunctionName: 'other' },
              Next: 'Dynamic',
            },
            Dynamic: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Parameters: { 'FunctionName.$': '$.fn' },
              End: true,
            },
          }),
        ],
        { names, notRun },
      ),
      [
        'state machine FlowStateMachine, state "Python": its function cannot run locally: function Python: python3.7 is deprecated',
        'state machine FlowStateMachine, state "Missing": its function cannot run locally: function other is not in this template',
      ],
    );
  });
});
