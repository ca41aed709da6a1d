/** Production config (domain, firewall, alarms): impossible combinations and hostile values, each refused with path, value and rule. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { problemsOf } from '../support/config-problems.ts';

const routes = { $default: { integration: 'lambda', handler: 'handlers/default.ts' } };
const EAST_CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0b7c1a2e-1111-2222-3333-444455556666';
const WEST_CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/0b7c1a2e-1111-2222-3333-444455556666';
const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/shared/0b7c1a2e-1111-2222-3333-444455556666';
const noEdge = { edge: { enabled: false }, sessions: { store: { path: false } } };
/** A value as problem lines show it: JSON, cut to 80 characters. */
const shown = (value: unknown) => {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

describe('production config: domain', () => {
  it('refuses a domain without a certificate source', () => {
    assert.deepEqual(problemsOf({ routes, domain: { name: 'ws.example.com' } }), [
      'domain: needs a certificate: give domain.certificateArn, or domain.hostedZoneId so the stack creates one validated by DNS (got "ws.example.com")',
    ]);
  });

  it('refuses a certificate outside us-east-1 for the edge', () => {
    assert.deepEqual(problemsOf({ routes, domain: { name: 'ws.example.com', certificateArn: WEST_CERT } }), [
      `domain.certificateArn: must be a certificate in us-east-1: CloudFront takes certificates only from there (the domain is on the edge) (got ${shown(WEST_CERT)})`,
    ]);
  });

  it('refuses creating the edge certificate in a stack not declared in us-east-1', () => {
    assert.deepEqual(
      problemsOf({ routes, region: 'eu-west-1', domain: { name: 'ws.example.com', hostedZoneId: 'Z123ABC' } }),
      [
        'domain.hostedZoneId: creates the edge\'s certificate in the stack\'s region, and CloudFront takes certificates only from us-east-1: set region: "us-east-1" and deploy there, or give domain.certificateArn of a certificate in us-east-1 (got "eu-west-1")',
      ],
    );
    assert.deepEqual(problemsOf({ routes, domain: { name: 'ws.example.com', hostedZoneId: 'Z123ABC' } }).length, 1);
  });

  it("on the API, refuses a certificate from another region than the stack's", () => {
    assert.deepEqual(
      problemsOf({
        routes,
        region: 'us-east-1',
        ...noEdge,
        domain: { name: 'ws.example.com', certificateArn: WEST_CERT },
      }),
      [
        `domain.certificateArn: must be a certificate in the stack's region us-east-1: an API Gateway regional domain takes certificates from its own region (got ${shown(WEST_CERT)})`,
      ],
    );
  });

  it('refuses hostile and malformed names, ARNs and zone ids', () => {
    assert.deepEqual(
      problemsOf({
        routes,
        domain: {
          name: 'WS.example.com\n',
          certificateArn: 'arn:aws:acm:us-east-1:1:certificate/x',
          hostedZoneId: 'z1',
        },
      }),
      [
        'domain.name: must be a lower-case fully qualified domain name such as ws.example.com (labels of letters, digits and -, at most 253 characters, no wildcard) (got "WS.example.com\\n")',
        'domain.certificateArn: must be an ACM certificate ARN: arn:aws:acm:<region>:<account>:certificate/<id> (got "arn:aws:acm:us-east-1:1:certificate/x")',
        'domain.hostedZoneId: must be a Route 53 hosted zone id: Z followed by upper-case letters and digits (got "z1")',
      ],
    );
    assert.equal(problemsOf({ routes, domain: { name: '*.example.com', certificateArn: EAST_CERT } }).length, 1);
    assert.equal(problemsOf({ routes, domain: { name: 'localhost', certificateArn: EAST_CERT } }).length, 1);
    assert.equal(
      problemsOf({ routes, domain: { name: `${'a'.repeat(64)}.example.com`, certificateArn: EAST_CERT } }).length,
      1,
    );
  });
});

describe('production config: firewall', () => {
  it('needs the edge', () => {
    assert.deepEqual(problemsOf({ routes, ...noEdge, firewall: { rateLimit: { limit: 100 } } }), [
      'firewall: needs edge.enabled: a web ACL attaches to the CloudFront edge (API Gateway WebSocket APIs cannot have one) (got "edge.enabled: false")',
    ]);
  });

  it('creates a CLOUDFRONT web ACL only in a stack declared in us-east-1', () => {
    assert.deepEqual(problemsOf({ routes, region: 'eu-central-1', firewall: { rateLimit: { limit: 100 } } }), [
      'firewall: creates a web ACL of scope CLOUDFRONT, which AWS WAF creates only in us-east-1: set region: "us-east-1" and deploy there, or give firewall.webAclArn of a web ACL created there (got "eu-central-1")',
    ]);
  });

  it('takes an existing web ACL alone, and refuses one outside us-east-1', () => {
    assert.deepEqual(problemsOf({ routes, firewall: { webAclArn: WEB_ACL, denyIps: ['192.0.2.0/24'] } }), [
      `firewall.webAclArn: attaches an existing web ACL: its rules are managed where it is, so give no other firewall field (got ${shown(WEB_ACL)})`,
    ]);
    assert.equal(problemsOf({ routes, firewall: { webAclArn: WEB_ACL.replace('us-east-1', 'eu-west-1') } }).length, 1);
    assert.deepEqual(problemsOf({ routes, region: 'us-east-1', firewall: {} }), [
      'firewall: needs a rule: rateLimit, allowIps, denyIps, managedRuleGroups, or webAclArn of an existing web ACL (got {})',
    ]);
  });

  it("keeps the rate limit to AWS WAF's minimum and windows", () => {
    assert.deepEqual(
      problemsOf({ routes, region: 'us-east-1', firewall: { rateLimit: { limit: 9, windowSeconds: 90 } } }),
      [
        "firewall.rateLimit.limit: must be at least 10 (AWS WAF's lowest rate limit) (got 9)",
        "firewall.rateLimit.windowSeconds: must be one of 60, 120, 300, 600 (AWS WAF's evaluation windows) (got 90)",
      ],
    );
    assert.equal(
      problemsOf({ routes, region: 'us-east-1', firewall: { rateLimit: { limit: 2_000_000_001 } } }).length,
      1,
    );
    assert.equal(problemsOf({ routes, region: 'us-east-1', firewall: { rateLimit: { limit: 10.5 } } }).length, 1);
  });

  it('refuses malformed ranges, a range in both lists, BLOCK without an allow list, a group twice', () => {
    assert.deepEqual(
      problemsOf({
        routes,
        region: 'us-east-1',
        firewall: {
          denyIps: ['10.0.0.0/8', '300.0.0.1/32', '10.0.0.1', '10.0.0.0/8 '],
          allowIps: ['10.0.0.0/8'],
          managedRuleGroups: ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesCommonRuleSet'],
        },
      }),
      [
        'firewall.denyIps.1: must be an IPv4 or IPv6 CIDR range such as 192.0.2.0/24 or 2001:db8::/32 (lower-case hex) (got "300.0.0.1/32")',
        'firewall.denyIps.2: must be an IPv4 or IPv6 CIDR range such as 192.0.2.0/24 or 2001:db8::/32 (lower-case hex) (got "10.0.0.1")',
        'firewall.denyIps.3: must be an IPv4 or IPv6 CIDR range such as 192.0.2.0/24 or 2001:db8::/32 (lower-case hex) (got "10.0.0.0/8 ")',
        'firewall.denyIps.0: is in firewall.allowIps too (got "10.0.0.0/8")',
        'firewall.managedRuleGroups: must not name a rule group twice (got ["AWSManagedRulesCommonRuleSet","AWSManagedRulesCommonRuleSet"])',
      ],
    );
    assert.deepEqual(
      problemsOf({ routes, region: 'us-east-1', firewall: { defaultAction: 'BLOCK', denyIps: ['192.0.2.0/24'] } }),
      ['firewall.defaultAction: blocks every client unless firewall.allowIps lists some (got "BLOCK")'],
    );
    assert.equal(problemsOf({ routes, region: 'us-east-1', firewall: { managedRuleGroups: ['Bogus'] } }).length, 1);
  });

  it("keeps the custom response to WAF's status range and body size", () => {
    assert.deepEqual(
      problemsOf({
        routes,
        region: 'us-east-1',
        firewall: { rateLimit: { limit: 10 }, response: { status: 199, body: 'é'.repeat(2049) } },
      }),
      [
        'firewall.response.status: Too small: expected number to be >=200 (got 199)',
        `firewall.response.body: must be at most 4096 bytes of UTF-8 (AWS WAF custom response bodies) (got ${shown('é'.repeat(2049))})`,
      ],
    );
  });
});

describe('production config: alarms', () => {
  it('refuses emails for a topic the stack does not create, and a latency beyond the integration timeout', () => {
    assert.deepEqual(
      problemsOf({
        routes,
        alarms: {
          topicArn: 'arn:aws:sns:eu-west-1:123456789012:oncall',
          emails: ['a@example.com'],
          integrationLatencyMs: 30_000,
          lambdaErrors: -1,
        },
      }),
      [
        "alarms.integrationLatencyMs: must be at most 29000 (API Gateway's integration timeout) (got 30000)",
        'alarms.lambdaErrors: must be 0 or more (errors per period) (got -1)',
        'alarms.emails: subscribes addresses to the topic the stack creates: subscribe them to alarms.topicArn where that topic is managed (got ["a@example.com"])',
      ],
    );
    assert.equal(problemsOf({ routes, alarms: { topicArn: 'arn:aws:sqs:eu-west-1:123456789012:oncall' } }).length, 1);
    assert.equal(problemsOf({ routes, alarms: { periodSeconds: 120 } }).length, 1);
  });
});
