/**
 * The edge forwards what CloudFront forwards: the shipped template with the managed AllViewer origin request policy
 * sends the viewer's Host to the API, which API Gateway answers with 403 Forbidden. The start log says so, every
 * connection through the distribution is refused as on AWS, and the API itself still answers for its own Host.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CfnObject } from '../../../cfn/types.ts';
import { startLocalStack, type LocalStack } from '../../../local/stack/index.ts';
import { connect, expectRefused } from '../../../smoke/client.ts';
import { asEdge, withKnownOriginSecret } from '../../support/edge-secret.ts';
import { freshBundleDir } from '../../support/generated-stack.ts';
import { writeTemplateVariant } from '../../support/template-variant.ts';

const TEMPLATE = new URL('../../../template.yaml', import.meta.url).pathname;
const WAIT_MS = 10_000;
const ALL_VIEWER = '216adef6-5c7f-47e4-b989-5492eafa07d3';

describe("edge: the managed AllViewer policy forwards the viewer's Host, which API Gateway refuses", () => {
  let stack: LocalStack;
  const lines: string[] = [];
  before(async () => {
    const templateFile = writeTemplateVariant(TEMPLATE, (template) => {
      const config = ((template.Resources['CloudFrontDistribution']?.Properties ?? {}) as CfnObject)[
        'DistributionConfig'
      ] as CfnObject;
      (config['DefaultCacheBehavior'] as CfnObject)['OriginRequestPolicyId'] = ALL_VIEWER;
    });
    stack = await startLocalStack({
      templateFile,
      bundleDir: freshBundleDir(),
      log: (line) => lines.push(line),
      ...withKnownOriginSecret(),
    });
  });
  after(async () => {
    await stack?.stop();
  });

  it('says so in the start log, naming the way out', () => {
    const warning = lines.find((line) => line.includes("forwards the viewer's Host"));
    assert.equal(
      warning,
      "edge: warning: the origin request policy forwards the viewer's Host (HeaderBehavior allViewer): API Gateway answers 403 Forbidden to a Host " +
        'that is not its own, so every connection through the distribution fails, here as on AWS; use AllViewerExceptHostHeader or a policy that does not forward Host',
    );
  });

  it("refuses a connection through the distribution with API Gateway's 403", async () => {
    const refused = await expectRefused(
      `${stack.outputs.Distribution}/any/path`,
      WAIT_MS,
      'a connection whose Host the policy forwarded',
    );
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.body, '{"message":"Forbidden"}');
  });

  it("still accepts the API's own Host (a client that presents the edge's secret directly), and refuses a foreign one", async () => {
    const client = await connect(stack.outputs.APIEndpoint, WAIT_MS, asEdge());
    await client.close();
    const foreign = await expectRefused(
      stack.outputs.APIEndpoint,
      WAIT_MS,
      'a foreign Host',
      asEdge({ headers: { Host: 'd111111abcdef8.cloudfront.net' } }),
    );
    assert.equal(foreign.statusCode, 403);
  });
});
