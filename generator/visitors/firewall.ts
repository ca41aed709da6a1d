import { getAtt, sub, type CfnObject } from '../../cfn/types.ts';
import type { FirewallConfig } from '../config/index.ts';
import type { Visitor } from '../context.ts';
import { LOGICAL_IDS } from '../naming.ts';
import { distributionConfig } from './distribution-config.ts';

/** Names of the web ACL's rules: its metrics and sampled requests carry them, the local edge logs them. */
export const FIREWALL_RULE_NAMES = { deny: 'DenyList', allow: 'AllowList', rate: 'RateLimitPerIp' } as const;
/** Key of the custom response body in `CustomResponseBodies`. */
const BODY_KEY = 'Blocked';

/**
 * An AWS WAF web ACL (scope CLOUDFRONT) on the edge: the deny list, the allow list, a rate-based rule per client IP,
 * then AWS managed rule groups, in that priority. Or an existing web ACL by ARN. The config rules make sure an
 * in-stack ACL is only generated for a stack that declares region us-east-1 (where WAF creates CLOUDFRONT ACLs).
 */
export const firewallVisitor: Visitor = (template, { config }) => {
  const { firewall } = config;
  if (firewall === undefined || !config.edge.enabled) return;
  const distribution = distributionConfig(template.Resources);
  if (firewall.webAclArn !== undefined) {
    distribution['WebACLId'] = firewall.webAclArn;
    return;
  }
  const deny = ipSets(template.Resources, firewall.denyIps, LOGICAL_IDS.denyIpv4Set, LOGICAL_IDS.denyIpv6Set, 'Deny');
  const allow = ipSets(
    template.Resources,
    firewall.allowIps,
    LOGICAL_IDS.allowIpv4Set,
    LOGICAL_IDS.allowIpv6Set,
    'Allow',
  );
  const block = blockAction(firewall);
  const rules: CfnObject[] = [];
  const rule = (name: string, body: CfnObject) =>
    rules.push({ Name: name, Priority: rules.length, ...body, VisibilityConfig: visibility(name) });
  if (deny) rule(FIREWALL_RULE_NAMES.deny, { Action: block, Statement: deny });
  if (allow) rule(FIREWALL_RULE_NAMES.allow, { Action: { Allow: {} }, Statement: allow });
  if (firewall.rateLimit) {
    rule(FIREWALL_RULE_NAMES.rate, {
      Action: block,
      Statement: {
        RateBasedStatement: {
          Limit: firewall.rateLimit.limit,
          EvaluationWindowSec: firewall.rateLimit.windowSeconds,
          AggregateKeyType: 'IP',
        },
      },
    });
  }
  for (const name of firewall.managedRuleGroups) {
    rule(name, {
      OverrideAction: { None: {} },
      Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } },
    });
  }
  template.Resources[LOGICAL_IDS.webAcl] = {
    Type: 'AWS::WAFv2::WebACL',
    Properties: {
      Name: sub('${AWS::StackName}-Edge'),
      Description: 'WebSocket edge: IP lists and a rate limit per client IP on handshakes',
      Scope: 'CLOUDFRONT',
      DefaultAction: firewall.defaultAction === 'ALLOW' ? { Allow: {} } : block,
      ...(firewall.response?.body === undefined
        ? {}
        : {
            CustomResponseBodies: {
              [BODY_KEY]: { ContentType: firewall.response.contentType, Content: firewall.response.body },
            },
          }),
      Rules: rules,
      VisibilityConfig: visibility('Edge'),
    },
  };
  distribution['WebACLId'] = getAtt(LOGICAL_IDS.webAcl, 'Arn');
};

function blockAction(firewall: FirewallConfig): CfnObject {
  const { response } = firewall;
  if (response === undefined) return { Block: {} };
  return {
    Block: {
      CustomResponse: {
        ResponseCode: response.status,
        ...(response.body === undefined ? {} : { CustomResponseBodyKey: BODY_KEY }),
      },
    },
  };
}

function visibility(name: string): CfnObject {
  return {
    SampledRequestsEnabled: true,
    CloudWatchMetricsEnabled: true,
    MetricName: sub(`\${AWS::StackName}-${name}`),
  };
}

/** One IP set per address family (WAF's rule): the statement matching either. */
function ipSets(
  resources: Parameters<Visitor>[0]['Resources'],
  ranges: string[],
  v4Id: string,
  v6Id: string,
  label: string,
): CfnObject | undefined {
  const families = [
    { id: v4Id, version: 'IPV4', addresses: ranges.filter((range) => !range.includes(':')) },
    { id: v6Id, version: 'IPV6', addresses: ranges.filter((range) => range.includes(':')) },
  ].filter((family) => family.addresses.length > 0);
  const statements = families.map(({ id, version, addresses }) => {
    resources[id] = {
      Type: 'AWS::WAFv2::IPSet',
      Properties: {
        Name: sub(`\${AWS::StackName}-${label}-${version}`),
        Scope: 'CLOUDFRONT',
        IPAddressVersion: version,
        Addresses: addresses,
      },
    };
    return { IPSetReferenceStatement: { Arn: getAtt(id, 'Arn') } };
  });
  if (statements.length === 0) return undefined;
  return statements.length === 1 ? statements[0] : { OrStatement: { Statements: statements } };
}
