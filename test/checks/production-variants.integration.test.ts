/**
 * Every shape the production features take (domain on the API, existing web ACL and topic, both address families,
 * a BLOCK default, a created topic) passes the template checks and the real cfn-lint with 0 findings, not only the
 * shipped example's shape.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { formatFindings, loadSpecDatabase, type SpecDatabase } from '../../checks/index.ts';
import { lintTemplateFile } from '../../checks/lint-file.ts';
import { CFN_LINT } from '../../checks/optional-tools.ts';
import { parseConfig, type WsConfigInput } from '../../generator/config/index.ts';
import { renderTemplateYaml } from '../../generator/index.ts';
import { createVtlEngine } from '../../lang/vtl/index.ts';
import { skipWithoutTool } from '../support/optional-tool.ts';
import { writeTemplateText } from '../support/template-variant.ts';

const handlers = new Map([
  ['$default', { codeUri: 'handlers/', entryPoint: 'default.ts', handler: 'default.handler' }],
]);
const routes = { $default: { integration: 'lambda' as const, handler: 'handlers/default.ts' } };

const VARIANTS: Record<string, WsConfigInput> = {
  'domain on the API with a given regional certificate, existing topic': {
    routes,
    region: 'eu-west-1',
    edge: { enabled: false },
    sessions: { store: { path: false } },
    domain: {
      name: 'api.example.org',
      certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/0b7c1a2e-1111-2222-3333-444455556666',
      hostedZoneId: 'Z123ABC',
    },
    alarms: { topicArn: 'arn:aws:sns:eu-west-1:123456789012:oncall', periodSeconds: 60 },
  },
  'edge with an existing web ACL and a given certificate, no zone': {
    routes,
    region: 'eu-west-1',
    domain: {
      name: 'ws.example.org',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0b7c1a2e-1111-2222-3333-444455556666',
    },
    firewall: {
      webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/shared/0b7c1a2e-1111-2222-3333-444455556666',
    },
  },
  'edge web ACL with both families, a BLOCK default and a JSON response; alarms with a created topic': {
    routes,
    region: 'us-east-1',
    tags: { team: 'ops' },
    firewall: {
      allowIps: ['198.51.100.0/24', '2001:db8:1::/48'],
      denyIps: ['192.0.2.1/32', '2001:db8:2::/48'],
      defaultAction: 'BLOCK',
      rateLimit: { limit: 10, windowSeconds: 600 },
      managedRuleGroups: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'],
      response: { status: 403, body: '{"message":"Forbidden"}', contentType: 'APPLICATION_JSON' },
    },
    alarms: { emails: ['a@example.com', 'b@example.com'], minConnects: 0 },
  },
};

describe('production variants pass the template checks and cfn-lint', () => {
  let db: SpecDatabase;
  before(() => {
    db = loadSpecDatabase();
  });
  const engine = createVtlEngine();
  for (const [name, input] of Object.entries(VARIANTS)) {
    it(name, async (t) => {
      const file = writeTemplateText(renderTemplateYaml(parseConfig(input), { handlers }), process.cwd());
      const report = await lintTemplateFile(file, db, engine);
      assert.equal(formatFindings(report.findings, file), '');
      skipWithoutTool(t, CFN_LINT, report.cfnLint.status === 'ran');
    });
  }
});
