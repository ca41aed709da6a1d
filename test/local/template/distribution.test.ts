import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringifyCloudFormation } from '../../../cfn/yaml.ts';
import { distributionFromTemplate, loadLocalTemplate } from '../../../local/template/index.ts';
import { STACK, TEMPLATE_FILES, load, rawTemplate, readTemplate } from './fixtures.ts';

/** The main template with its distribution config edited. */
function withDistribution(edit: (config: any, resources: any) => void) {
  const raw = rawTemplate(TEMPLATE_FILES.main);
  edit(raw.Resources.CloudFrontDistribution.Properties.DistributionConfig, raw.Resources);
  return () => distributionFromTemplate(loadLocalTemplate(stringifyCloudFormation(raw), STACK));
}

describe('distributionFromTemplate', () => {
  it("reads the edge's origin path, origin request policy and viewer-request function from the template", () => {
    const raw = rawTemplate(TEMPLATE_FILES.main).Resources;
    const distribution = distributionFromTemplate(load(TEMPLATE_FILES.main));
    assert.ok(distribution);
    assert.equal(distribution.logicalId, 'CloudFrontDistribution');
    assert.equal(distribution.originPath, `/${rawTemplate(TEMPLATE_FILES.main).Parameters.ApiStageName.Default}`);
    const policy = distribution.originRequestPolicy as Record<string, unknown>;
    const written = raw.WebSocketOriginRequestPolicy.Properties.OriginRequestPolicyConfig;
    for (const part of ['HeadersConfig', 'QueryStringsConfig', 'CookiesConfig'])
      assert.deepEqual(policy[part], written[part], part);
    assert.deepEqual(distribution.viewerRequest, {
      code: raw.UriRewriteFunction.Properties.FunctionCode,
      runtime: raw.UriRewriteFunction.Properties.FunctionConfig.Runtime,
    });
  });

  it('reads the origin custom headers, the OriginSecret parameter resolved (the edge validates and sends them)', () => {
    const distribution = distributionFromTemplate(
      loadLocalTemplate(readTemplate(TEMPLATE_FILES.main), {
        ...STACK,
        parameterOverrides: { OriginSecret: 's'.repeat(40) },
      }),
    );
    assert.deepEqual(distribution?.originCustomHeaders, [
      { HeaderName: 'x-origin-verify', HeaderValue: 's'.repeat(40) },
    ]);
  });

  it('is undefined for a template without a distribution', () => {
    assert.equal(distributionFromTemplate(load(TEMPLATE_FILES.minimal)), undefined);
  });

  it('takes the origin the default cache behavior targets', () => {
    const read = withDistribution((config) => {
      config.Origins.unshift({
        Id: 'Other',
        DomainName: 'example.com',
        OriginPath: '/other',
        CustomOriginConfig: { OriginProtocolPolicy: 'https-only' },
      });
    });
    assert.equal(read()?.originPath, distributionFromTemplate(load(TEMPLATE_FILES.main))?.originPath);
  });

  for (const [what, edit, message] of [
    [
      'a second cache behavior',
      (config: any) => {
        config.CacheBehaviors = [{ PathPattern: '/x/*' }];
      },
      /CacheBehaviors: only the DefaultCacheBehavior is emulated locally/,
    ],
    [
      'Lambda@Edge',
      (config: any) => {
        config.DefaultCacheBehavior.LambdaFunctionAssociations = [{ EventType: 'origin-request' }];
      },
      /Lambda@Edge is not emulated/,
    ],
    [
      'a viewer-response function',
      (config: any) => {
        config.DefaultCacheBehavior.FunctionAssociations[0].EventType = 'viewer-response';
      },
      /FunctionAssociations\[0\]\.EventType: "viewer-response" is not emulated locally/,
    ],
    [
      'a managed origin request policy',
      (config: any) => {
        config.DefaultCacheBehavior.OriginRequestPolicyId = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';
      },
      /OriginRequestPolicyId: "b689b0a8-53d0-40ab-baf2-68738e2966ac" is not a policy of this template/,
    ],
    [
      'no origin request policy',
      (config: any) => {
        delete config.DefaultCacheBehavior.OriginRequestPolicyId;
      },
      /OriginRequestPolicyId: missing/,
    ],
    [
      'a function ARN from elsewhere',
      (config: any) => {
        config.DefaultCacheBehavior.FunctionAssociations[0].FunctionARN =
          'arn:aws:cloudfront::123456789012:function/elsewhere';
      },
      /FunctionARN: "arn:aws:cloudfront::123456789012:function\/elsewhere" is not a CloudFront Function of this template/,
    ],
  ] as const) {
    it(`refuses ${what} by name instead of ignoring it`, () => {
      assert.throws(
        withDistribution(edit),
        (error: Error) =>
          error.name === 'TemplateError' &&
          message.test(error.message) &&
          error.message.includes('Resources.CloudFrontDistribution.Properties.DistributionConfig'),
      );
    });
  }

  it('emulates the managed AllViewer policy: every viewer header, cookie and query string', () => {
    const read = withDistribution((config) => {
      config.DefaultCacheBehavior.OriginRequestPolicyId = '216adef6-5c7f-47e4-b989-5492eafa07d3';
    });
    assert.deepEqual(read()?.originRequestPolicy, {
      HeadersConfig: { HeaderBehavior: 'allViewer' },
      CookiesConfig: { CookieBehavior: 'all' },
      QueryStringsConfig: { QueryStringBehavior: 'all' },
    });
  });

  for (const spelling of ['Authorization', 'authorization', 'AUTHORIZATION']) {
    it(`refuses an origin request policy that lists ${spelling}, naming the policy, the property and CloudFront's rule`, () => {
      const read = withDistribution((_config, resources) => {
        resources.WebSocketOriginRequestPolicy.Properties.OriginRequestPolicyConfig.HeadersConfig.Headers.push(
          spelling,
        );
      });
      assert.throws(read, (error: Error) => {
        assert.equal(error.name, 'TemplateError');
        assert.match(
          error.message,
          new RegExp(
            `^Resources\\.WebSocketOriginRequestPolicy\\.Properties\\.OriginRequestPolicyConfig\\.HeadersConfig\\.Headers\\[\\d+\\]: "${spelling}": ` +
              'CloudFront refuses \\(400 at creation\\) an origin request policy that forwards Authorization; it must be part of the cache key, set in a cache policy$',
          ),
        );
        return true;
      });
    });
  }

  it('refuses a second distribution', () => {
    const read = withDistribution((_config, resources) => {
      resources.SecondDistribution = structuredClone(resources.CloudFrontDistribution);
    });
    assert.throws(
      read,
      /CloudFrontDistribution, SecondDistribution: the local stack runs one CloudFront distribution, not 2/,
    );
  });
});
