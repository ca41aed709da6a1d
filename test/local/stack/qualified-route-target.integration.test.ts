/**
 * A route whose integration URI names an alias of its function (`…:function:Echo:live/invocations`, as templates
 * with SAM's AutoPublishAlias write): versions and aliases are not emulated, so the stack runs the function's current
 * code and says so at start. The resource policy is still evaluated against the alias ARN, as Lambda does: a
 * permission on the function alone does not let API Gateway invoke its alias (AddPermission: "If you use a qualifier,
 * the invoker must use the full ARN of that version or alias"), so that template fails its messages locally too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { CfnTemplate } from '../../../cfn/types.ts';
import { startLocalStack, type LocalStack } from '../../../local/stack/index.ts';
import { edgeUrl, parseStackOutputs } from '../../../smoke/outputs.ts';
import { freshBundleDir } from '../../support/generated-stack.ts';
import { writeTemplateVariant } from '../../support/template-variant.ts';

const SAMPLE_TEMPLATE = fileURLToPath(new URL('../../../template.yaml', import.meta.url));
const ALIAS_URI =
  'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${DefaultFunction.Arn}:live/invocations';

/** The one resource of `type` whose properties mention `text`. */
function onlyResource(template: CfnTemplate, type: string, text: string): Record<string, unknown> {
  const found = Object.values(template.Resources).filter(
    (resource) => resource.Type === type && JSON.stringify(resource.Properties).includes(text),
  );
  assert.equal(found.length, 1, `the sample template has one ${type} with ${text}`);
  return found[0]?.Properties as Record<string, unknown>;
}

/** The sample stack with `$default` on alias `live`, spelled out in the ARN; the permission on the alias too when `permitAlias`. */
function aliasedTemplate(permitAlias: boolean): string {
  return writeTemplateVariant(SAMPLE_TEMPLATE, (template) => {
    onlyResource(template, 'AWS::ApiGatewayV2::Integration', '${DefaultFunction.Arn}/invocations')['IntegrationUri'] = {
      'Fn::Sub': ALIAS_URI,
    };
    if (permitAlias)
      onlyResource(template, 'AWS::Lambda::Permission', '"DefaultFunction"')['FunctionName'] = {
        'Fn::Sub': '${DefaultFunction.Arn}:live',
      };
  });
}

/**
 * The same as SAM users write it: `AutoPublishAlias: live` on the function, the integration on `${DefaultFunction.Alias}`
 * and the permission on `!Ref DefaultFunction.Alias` (SAM's referenceable property of the alias it generates).
 */
function autoPublishedTemplate(): string {
  return writeTemplateVariant(SAMPLE_TEMPLATE, (template) => {
    const fn = template.Resources['DefaultFunction'];
    assert.equal(fn?.Type, 'AWS::Serverless::Function');
    (fn.Properties as Record<string, unknown>)['AutoPublishAlias'] = 'live';
    onlyResource(template, 'AWS::ApiGatewayV2::Integration', '${DefaultFunction.Arn}/invocations')['IntegrationUri'] = {
      'Fn::Sub':
        'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${DefaultFunction.Alias}/invocations',
    };
    onlyResource(template, 'AWS::Lambda::Permission', '"DefaultFunction"')['FunctionName'] = {
      Ref: 'DefaultFunction.Alias',
    };
  });
}

async function echoReply(stack: LocalStack, marker: string): Promise<string> {
  const socket = new WebSocket(`${edgeUrl(parseStackOutputs(stack.outputs, 'local stack'))}/alias-route`);
  try {
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const reply = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
    socket.send(JSON.stringify({ marker }));
    return await reply;
  } finally {
    socket.close();
  }
}

const VARIANTS = [
  { title: 'the alias ARN spelled out, permission on the alias', template: () => aliasedTemplate(true), answers: true },
  {
    title: 'the alias ARN spelled out, permission on the function only',
    template: () => aliasedTemplate(false),
    answers: false,
  },
  {
    title: "SAM's AutoPublishAlias with Fn.Alias in the URI and the permission",
    template: autoPublishedTemplate,
    answers: true,
  },
];

for (const variant of VARIANTS) {
  describe(`local stack: $default on a function alias (${variant.title})`, () => {
    let stack: LocalStack;
    const logs: string[] = [];
    before(async () => {
      stack = await startLocalStack({
        templateFile: variant.template(),
        waitTimeScale: 0.01,
        bundleDir: freshBundleDir(),
        log: (line) => logs.push(line),
      });
    });
    after(() => stack.stop());

    it('says once at start that the alias runs the current code', () => {
      const warnings = logs.filter((line) => line.includes('versions and aliases are not emulated, so "live"'));
      assert.equal(warnings.length, 1, logs.join('\n'));
      assert.match(
        warnings[0] ?? '',
        /route \$default \(\w+\): its integration \w+ invokes arn:aws:lambda:[^ ]+:live:/,
      );
    });

    if (variant.answers)
      it('answers a message with the function', async () => {
        const reply = await echoReply(stack, 'aliased-echo');
        assert.ok(reply.includes('aliased-echo'), `the $default function echoes the event: ${reply}`);
      });
    else
      it('fails the message as API Gateway does when Lambda refuses the invocation', async () => {
        const reply = JSON.parse(await echoReply(stack, 'refused-echo')) as Record<string, unknown>;
        assert.equal(reply['message'], 'Internal server error', JSON.stringify(reply));
        const denied = logs.filter((line) => line.includes('Invalid permissions on Lambda function'));
        assert.equal(denied.length, 1, logs.join('\n'));
        assert.match(denied[0] ?? '', /on resource: arn:aws:lambda:[^ ]+:function:[\w-]+:live /);
      });
  });
}
