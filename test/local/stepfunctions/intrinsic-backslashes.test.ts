import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCOUNT, REGION } from './fixtures.ts';
import { createStepFunctionsService, type ApiGatewayInvokeParameters } from '../../../local/stepfunctions/index.ts';

const ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:Intrinsics`;

/** aws-local-stepfunctions strips backslashes from intrinsic results; Task Parameters must not be damaged by it. */
describe('intrinsics in apigateway:invoke Parameters keep backslashes', () => {
  it('evaluates States.Format and States.JsonToString on data with quotes and backslashes', async () => {
    const calls: ApiGatewayInvokeParameters[] = [];
    const service = createStepFunctionsService({
      region: REGION,
      accountId: ACCOUNT,
      invokeApiGateway: async (parameters) => {
        calls.push(parameters);
        return { statusCode: 200, headers: {}, body: '' };
      },
      stateMachines: [
        {
          arn: ARN,
          name: 'Intrinsics',
          type: 'EXPRESS',
          definition: {
            StartAt: 'Notify',
            States: {
              Notify: {
                Type: 'Task',
                Resource: 'arn:aws:states:::apigateway:invoke',
                End: true,
                Parameters: {
                  ApiEndpoint: 'local',
                  Method: 'POST',
                  'Path.$': "States.Format('/@connections/{}', $.id)",
                  RequestBody: {
                    'Text.$': "States.Format('\\{literal\\} {} said {}', $.who, 'it\\'s')",
                    'Json.$': 'States.JsonToString($.data)',
                  },
                },
              },
            },
          },
        },
      ],
    });
    await service.start();
    try {
      const data = { quote: 'say "hi"', path: 'C:\\temp' };
      const input = JSON.stringify({ id: 'abc\\def=', who: 'back\\slash', data });

      const response = await service.startSyncExecution(JSON.stringify({ input, stateMachineArn: ARN }));

      assert.equal(JSON.parse(response.body).status, 'SUCCEEDED', response.body);
      assert.equal(calls[0]?.Path, '/@connections/abc\\def=');
      assert.deepEqual(calls[0]?.RequestBody, { Text: "{literal} back\\slash said it's", Json: JSON.stringify(data) });
    } finally {
      await service.stop();
    }
  });
});
