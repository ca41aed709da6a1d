/** The distribution's web ACL as the local edge reads it from the production example; what it cannot apply is refused or named. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseCloudFormation, stringifyCloudFormation } from '../../../cfn/yaml.ts';
import { distributionFromTemplate, loadLocalTemplate, webAclFromTemplate } from '../../../local/template/index.ts';
import { STACK } from './fixtures.ts';

const EXAMPLE = 'examples/production/template.yaml';

/** The production example with its resources edited, then read as the local stack reads it. */
function webAcl(edit: (resources: any) => void = () => {}) {
  const raw = parseCloudFormation(readFileSync(EXAMPLE, 'utf8'), EXAMPLE) as any;
  edit(raw.Resources);
  const template = loadLocalTemplate(stringifyCloudFormation(raw), STACK);
  const distribution = distributionFromTemplate(template)!;
  return webAclFromTemplate(template, distribution.logicalId, distribution.webAclId);
}

describe('the web ACL the local edge applies', () => {
  it('reads the example: deny list of both families, the rate rule, the custom response; the managed group named as not applied', () => {
    const read = webAcl();
    assert.equal(read.kind, 'applied');
    if (read.kind !== 'applied') return;
    const block = {
      kind: 'block',
      response: {
        status: 429,
        headers: [],
        body: { contentType: 'TEXT_PLAIN', content: 'Too many connection attempts from your address; retry later.\n' },
      },
    };
    assert.deepEqual(read.acl, {
      name: 'ws-local-test-Edge',
      defaultAction: { kind: 'allow' },
      notApplied: ['AWSManagedRulesAmazonIpReputationList'],
      rules: [
        { kind: 'ipSet', name: 'DenyList', action: block, ranges: ['192.0.2.0/24', '2001:db8::/32'] },
        { kind: 'rate', name: 'RateLimitPerIp', action: block, limit: 100, windowSeconds: 300 },
      ],
    });
  });

  it('refuses a statement it does not apply, by path', () => {
    assert.throws(
      () =>
        webAcl((resources) => {
          resources.EdgeWebAcl.Properties.Rules[0].Statement = { GeoMatchStatement: { CountryCodes: ['XX'] } };
        }),
      /Resources\.EdgeWebAcl\.Properties\.Rules\[0\]\.Statement: GeoMatchStatement is not applied locally/,
    );
    assert.throws(
      () =>
        webAcl((resources) => {
          resources.EdgeWebAcl.Properties.Rules[1].Statement.RateBasedStatement.AggregateKeyType = 'FORWARDED_IP';
        }),
      /Rules\[1\]\.Statement\.RateBasedStatement: only AggregateKeyType IP .* is applied locally \(got "FORWARDED_IP"\)/,
    );
    assert.throws(
      () =>
        webAcl((resources) => {
          resources.EdgeWebAcl.Properties.Rules[1].Statement.RateBasedStatement.Limit = 'many';
        }),
      /Rules\[1\]\.Statement\.RateBasedStatement\.Limit: must be an integer of at least 10, as AWS WAF demands \(got "many"\)/,
    );
    assert.throws(
      () =>
        webAcl((resources) => {
          resources.EdgeWebAcl.Properties.Rules[1].Statement.RateBasedStatement.EvaluationWindowSec = 30;
        }),
      /EvaluationWindowSec: must be 60, 120, 300 or 600 \(got 30\)/,
    );
    assert.throws(
      () =>
        webAcl((resources) => {
          resources.DenyIpv4Set.Properties.Addresses = ['192.0.2.1'];
        }),
      /Resources\.DenyIpv4Set\.Properties\.Addresses: must be a list of CIDR ranges \(got \["192\.0\.2\.1"\]\)/,
    );
    assert.throws(
      () =>
        webAcl((resources) => {
          resources.EdgeWebAcl.Properties.Rules[1].Action = { Captcha: {} };
        }),
      /Rules\[1\]\.Action: Captcha is not applied locally \(Allow, Block and Count are\)/,
    );
  });

  it('warns about a web ACL from elsewhere (by ARN): its rules cannot be read', () => {
    const arn = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/shared/0b7c1a2e-1111-2222-3333-444455556666';
    const read = webAcl((resources) => {
      resources.CloudFrontDistribution.Properties.DistributionConfig.WebACLId = arn;
    });
    assert.deepEqual(read, {
      kind: 'elsewhere',
      warning: `Resources.CloudFrontDistribution.Properties.DistributionConfig.WebACLId: "${arn}" is not a web ACL of this template: its rules are not applied locally`,
    });
  });
});
