/**
 * A function's identity inside the local stack is the template's: `context.invokedFunctionArn` is the function's
 * ARN in the loaded template (account, region and physical name), with an account and region other than the
 * defaults, so a handler that compares ARNs or builds them from its context sees what it would see on AWS.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadConfigFile } from '../../../generator/config/load.ts';
import { renderTemplateYaml } from '../../../generator/index.ts';
import type { LocalStack } from '../../../local/stack/index.ts';
import { functionsFromTemplate, loadLocalTemplate } from '../../../local/template/index.ts';
import { connect } from '../../../smoke/client.ts';
import { startGeneratedStack } from '../../support/generated-stack.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/faults/ws.config.ts', import.meta.url));
const IDENTITY = { stackName: 'identity-test', region: 'eu-central-1', accountId: '210987654321' } as const;
const WAIT_MS = 10_000;

describe('local stack: a Lambda function knows itself by its template ARN', () => {
  let stack: LocalStack;
  let templateFunction: { arn: string; functionName: string };
  before(async () => {
    const loaded = await loadConfigFile(FIXTURE);
    const template = loadLocalTemplate(renderTemplateYaml(loaded.config, loaded), IDENTITY);
    const [fn, ...others] = functionsFromTemplate(template);
    assert.ok(fn && others.length === 0, 'the fixture has one function');
    templateFunction = fn;
    stack = await startGeneratedStack(FIXTURE, IDENTITY);
  });
  after(() => stack.stop());

  it('context.invokedFunctionArn, context.functionName and AWS_LAMBDA_FUNCTION_NAME match the template', async () => {
    const client = await connect(stack.outputs.APIEndpoint, WAIT_MS);
    try {
      client.socket.send(JSON.stringify({ action: 'faulty', do: 'context' }));
      const seen = await client.nextJson<{ functionName: string; invokedFunctionArn: string; envFunctionName: string }>(
        'the context',
        WAIT_MS,
      );
      assert.equal(seen.invokedFunctionArn, templateFunction.arn);
      assert.match(seen.invokedFunctionArn, /^arn:aws:lambda:eu-central-1:210987654321:function:identity-test-/);
      assert.equal(seen.functionName, templateFunction.functionName);
      assert.equal(seen.envFunctionName, templateFunction.functionName);
    } finally {
      await client.close();
    }
  });
});
