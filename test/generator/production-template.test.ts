/** What the production features generate: the domain on the edge or the API, the web ACL, alarms, the dashboard, outputs. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CfnObject, CfnTemplate } from '../../cfn/types.ts';
import { parseConfig, type WsConfigInput } from '../../generator/config/index.ts';
import { generateTemplate, renderTemplateYaml, type ResolvedHandler } from '../../generator/index.ts';
import { resource } from './template-fixture.ts';

const handler: ResolvedHandler = { codeUri: 'handlers/', entryPoint: 'x.ts', handler: 'x.handler' };
const handlers = new Map([['$default', handler]]);
const routes = { $default: { integration: 'lambda' as const, handler: 'handlers/default.ts' } };
const EAST_CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0b7c1a2e-1111-2222-3333-444455556666';
const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/shared/0b7c1a2e-1111-2222-3333-444455556666';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:oncall';

function generate(input: WsConfigInput): CfnTemplate {
  return JSON.parse(JSON.stringify(generateTemplate(parseConfig(input), { handlers }))) as CfnTemplate;
}
const distribution = (template: CfnTemplate) =>
  resource(template, 'CloudFrontDistribution').Properties!['DistributionConfig'] as CfnObject;
const typesOf = (template: CfnTemplate) => Object.values(template.Resources).map((r) => r.Type);

describe('production features in the generated template', () => {
  it('puts the domain on the edge: aliases, the given us-east-1 certificate, TLS 1.2, no record without a zone', () => {
    const template = generate({ routes, domain: { name: 'ws.example.com', certificateArn: EAST_CERT } });
    assert.deepEqual(distribution(template)['Aliases'], ['ws.example.com']);
    assert.deepEqual(distribution(template)['ViewerCertificate'], {
      AcmCertificateArn: EAST_CERT,
      SslSupportMethod: 'sni-only',
      MinimumProtocolVersion: 'TLSv1.2_2021',
    });
    assert.ok(!typesOf(template).includes('AWS::CertificateManager::Certificate'));
    assert.ok(!typesOf(template).includes('AWS::Route53::RecordSet'));
    assert.equal(template.Outputs!['PublicURL']!.Value, 'wss://ws.example.com');
    assert.deepEqual(template.Outputs!['DomainTarget']!.Value, {
      'Fn::GetAtt': ['CloudFrontDistribution', 'DomainName'],
    });
  });

  it('without the edge puts the domain on the API: a regional TLS 1.2 domain mapped to the stage, a created certificate, an alias record', () => {
    const template = generate({
      routes,
      region: 'eu-west-1',
      edge: { enabled: false },
      sessions: { store: { path: false } },
      domain: { name: 'ws.example.com', hostedZoneId: 'Z123ABC' },
    });
    assert.deepEqual(resource(template, 'DomainCertificate').Properties, {
      DomainName: 'ws.example.com',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'ws.example.com', HostedZoneId: 'Z123ABC' }],
    });
    assert.deepEqual(resource(template, 'ApiDomainName').Properties!['DomainNameConfigurations'], [
      { CertificateArn: { Ref: 'DomainCertificate' }, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' },
    ]);
    assert.deepEqual(resource(template, 'ApiDomainMapping').Properties, {
      DomainName: { Ref: 'ApiDomainName' },
      ApiId: { Ref: 'WebSocketApi' },
      Stage: { Ref: 'Stage' },
    });
    assert.deepEqual(resource(template, 'DomainAliasRecord').Properties!['AliasTarget'], {
      DNSName: { 'Fn::GetAtt': ['ApiDomainName', 'RegionalDomainName'] },
      HostedZoneId: { 'Fn::GetAtt': ['ApiDomainName', 'RegionalHostedZoneId'] },
      EvaluateTargetHealth: false,
    });
    assert.equal(template.Outputs!['DomainTarget'], undefined);
    assert.equal(template.Outputs!['PublicURL']!.Value, 'wss://ws.example.com');
  });

  it('builds the web ACL: deny, allow, rate per IP, managed groups in priority order; both address families; the custom response', () => {
    const template = generate({
      routes,
      region: 'us-east-1',
      firewall: {
        denyIps: ['192.0.2.0/24', '2001:db8::/32'],
        allowIps: ['198.51.100.7/32'],
        rateLimit: { limit: 50, windowSeconds: 60 },
        managedRuleGroups: ['AWSManagedRulesAmazonIpReputationList'],
        response: { status: 429, body: 'slow down' },
      },
    });
    const acl = resource(template, 'EdgeWebAcl').Properties!;
    assert.equal(acl['Scope'], 'CLOUDFRONT');
    const rules = acl['Rules'] as CfnObject[];
    assert.deepEqual(
      rules.map((rule) => [rule['Name'], rule['Priority']]),
      [
        ['DenyList', 0],
        ['AllowList', 1],
        ['RateLimitPerIp', 2],
        ['AWSManagedRulesAmazonIpReputationList', 3],
      ],
    );
    const block = { Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'Blocked' } } };
    assert.deepEqual(rules[0]!['Action'], block);
    assert.deepEqual(rules[0]!['Statement'], {
      OrStatement: {
        Statements: [
          { IPSetReferenceStatement: { Arn: { 'Fn::GetAtt': ['DenyIpv4Set', 'Arn'] } } },
          { IPSetReferenceStatement: { Arn: { 'Fn::GetAtt': ['DenyIpv6Set', 'Arn'] } } },
        ],
      },
    });
    assert.deepEqual(rules[2]!['Statement'], {
      RateBasedStatement: { Limit: 50, EvaluationWindowSec: 60, AggregateKeyType: 'IP' },
    });
    assert.deepEqual(rules[3]!['OverrideAction'], { None: {} });
    assert.deepEqual(acl['CustomResponseBodies'], { Blocked: { ContentType: 'TEXT_PLAIN', Content: 'slow down' } });
    assert.deepEqual(resource(template, 'DenyIpv6Set').Properties!['Addresses'], ['2001:db8::/32']);
    assert.deepEqual(distribution(template)['WebACLId'], { 'Fn::GetAtt': ['EdgeWebAcl', 'Arn'] });
  });

  it('attaches an existing web ACL by ARN and creates none', () => {
    const template = generate({ routes, firewall: { webAclArn: WEB_ACL } });
    assert.equal(distribution(template)['WebACLId'], WEB_ACL);
    assert.ok(!typesOf(template).some((type) => type.startsWith('AWS::WAFv2::')));
    assert.equal(template.Outputs!['WebAcl']!.Value, WEB_ACL);
  });

  it('alarms on every function and state machine, notify the topic by ARN, leave out thresholds of 0, and come with one dashboard', () => {
    const template = generate({
      routes: {
        ...routes,
        sync_sfn: { integration: 'stepFunctions', type: 'EXPRESS', workflow: { template: 'wait' } },
      },
      alarms: { topicArn: TOPIC, clientErrorPercent: 0 },
    });
    const alarms = Object.entries(template.Resources)
      .filter(([, r]) => r.Type === 'AWS::CloudWatch::Alarm')
      .map(([id]) => id);
    assert.deepEqual(alarms, [
      'ConnectCountAlarm',
      'IntegrationErrorRateAlarm',
      'ExecutionErrorRateAlarm',
      'IntegrationLatencyAlarm',
      'DefaultFunctionErrorsAlarm',
      'DefaultFunctionThrottlesAlarm',
      'SyncSfnStateMachineFailedAlarm',
      'SessionsThrottleAlarm',
    ]);
    assert.ok(!typesOf(template).includes('AWS::SNS::Topic'));
    assert.deepEqual(resource(template, 'IntegrationLatencyAlarm').Properties!['AlarmActions'], [TOPIC]);
    assert.equal(resource(template, 'IntegrationLatencyAlarm').Properties!['Threshold'], 25_000);
    assert.equal(resource(template, 'ConnectCountAlarm').Properties!['TreatMissingData'], 'breaching');
    const body = JSON.parse(
      (resource(template, 'Dashboard').Properties!['DashboardBody'] as { 'Fn::Sub': string })['Fn::Sub'],
    ) as { widgets: unknown[] };
    assert.equal(body.widgets.length, 6);
    assert.equal(template.Outputs!['AlarmTopic']!.Value, TOPIC);
  });

  it('creates the topic with its e-mail subscriptions when no ARN is given', () => {
    const template = generate({ routes, alarms: { emails: ['oncall@example.com'] } });
    assert.deepEqual(resource(template, 'AlarmTopic').Properties!['Subscription'], [
      { Protocol: 'email', Endpoint: 'oncall@example.com' },
    ]);
    assert.deepEqual(resource(template, 'ConnectCountAlarm').Properties!['OKActions'], [{ Ref: 'AlarmTopic' }]);
  });

  it('is byte-stable', () => {
    const input: WsConfigInput = {
      routes,
      region: 'us-east-1',
      domain: { name: 'ws.example.com', hostedZoneId: 'Z123ABC' },
      firewall: { rateLimit: { limit: 10 } },
      alarms: {},
    };
    assert.equal(
      renderTemplateYaml(parseConfig(input), { handlers }),
      renderTemplateYaml(parseConfig(structuredClone(input)), { handlers }),
    );
  });

  it('adds nothing without the production fields', () => {
    const template = generate({ routes });
    assert.deepEqual(
      Object.keys(template.Outputs!).filter((name) =>
        ['PublicURL', 'DomainTarget', 'WebAcl', 'AlarmTopic'].includes(name),
      ),
      [],
    );
    assert.equal(distribution(template)['WebACLId'], undefined);
  });
});
