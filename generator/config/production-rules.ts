import type { z } from 'zod';
import {
  CERTIFICATE_ARN,
  CLOUDFRONT_REGION,
  type AlarmsConfig,
  type DomainConfig,
  type FirewallConfig,
} from './production.ts';
import { addProblem } from './add-problem.ts';

interface ProductionRuleInput {
  region?: string | undefined;
  domain?: DomainConfig | undefined;
  firewall?: FirewallConfig | undefined;
  alarms?: AlarmsConfig | undefined;
  edge: { enabled: boolean };
}

type Issue = (path: (string | number)[], got: unknown, message: string) => void;

/** Combinations AWS refuses at deploy time (or that do nothing), refused here with the rule. */
export function productionRules(config: ProductionRuleInput, ctx: z.RefinementCtx): void {
  const issue: Issue = (path, got, message) => addProblem(ctx, path, got, message);
  if (config.domain !== undefined) domainRules(config.domain, config, issue);
  if (config.firewall !== undefined) firewallRules(config.firewall, config, issue);
  if (config.alarms !== undefined && config.alarms.topicArn !== undefined && config.alarms.emails.length > 0) {
    issue(
      ['alarms', 'emails'],
      config.alarms.emails,
      'subscribes addresses to the topic the stack creates: subscribe them to alarms.topicArn where that topic is managed',
    );
  }
}

function domainRules(domain: DomainConfig, { region, edge }: ProductionRuleInput, issue: Issue): void {
  if (domain.certificateArn === undefined && domain.hostedZoneId === undefined) {
    issue(
      ['domain'],
      domain.name,
      'needs a certificate: give domain.certificateArn, or domain.hostedZoneId so the stack creates one validated by DNS',
    );
    return;
  }
  const certificateRegion =
    domain.certificateArn === undefined ? undefined : CERTIFICATE_ARN.exec(domain.certificateArn)?.[1];
  if (edge.enabled) {
    if (certificateRegion !== undefined && certificateRegion !== CLOUDFRONT_REGION) {
      issue(
        ['domain', 'certificateArn'],
        domain.certificateArn,
        `must be a certificate in ${CLOUDFRONT_REGION}: CloudFront takes certificates only from there (the domain is on the edge)`,
      );
    }
    if (domain.certificateArn === undefined && region !== CLOUDFRONT_REGION) {
      issue(
        ['domain', 'hostedZoneId'],
        region ?? null,
        `creates the edge's certificate in the stack's region, and CloudFront takes certificates only from ${CLOUDFRONT_REGION}: set region: "${CLOUDFRONT_REGION}" and deploy there, or give domain.certificateArn of a certificate in ${CLOUDFRONT_REGION}`,
      );
    }
  } else if (certificateRegion !== undefined && region !== undefined && certificateRegion !== region) {
    issue(
      ['domain', 'certificateArn'],
      domain.certificateArn,
      `must be a certificate in the stack's region ${region}: an API Gateway regional domain takes certificates from its own region`,
    );
  }
}

function firewallRules(firewall: FirewallConfig, { region, edge }: ProductionRuleInput, issue: Issue): void {
  if (!edge.enabled) {
    issue(
      ['firewall'],
      'edge.enabled: false',
      'needs edge.enabled: a web ACL attaches to the CloudFront edge (API Gateway WebSocket APIs cannot have one)',
    );
    return;
  }
  const rules = { rateLimit: firewall.rateLimit, response: firewall.response };
  const hasRules =
    firewall.allowIps.length + firewall.denyIps.length + firewall.managedRuleGroups.length > 0 ||
    Object.values(rules).some((value) => value !== undefined) ||
    firewall.defaultAction !== 'ALLOW';
  if (firewall.webAclArn !== undefined) {
    if (hasRules)
      issue(
        ['firewall', 'webAclArn'],
        firewall.webAclArn,
        'attaches an existing web ACL: its rules are managed where it is, so give no other firewall field',
      );
    return;
  }
  if (!hasRules) {
    issue(
      ['firewall'],
      {},
      'needs a rule: rateLimit, allowIps, denyIps, managedRuleGroups, or webAclArn of an existing web ACL',
    );
    return;
  }
  if (region !== CLOUDFRONT_REGION) {
    issue(
      ['firewall'],
      region ?? null,
      `creates a web ACL of scope CLOUDFRONT, which AWS WAF creates only in ${CLOUDFRONT_REGION}: set region: "${CLOUDFRONT_REGION}" and deploy there, or give firewall.webAclArn of a web ACL created there`,
    );
  }
  if (firewall.defaultAction === 'BLOCK' && firewall.allowIps.length === 0) {
    issue(['firewall', 'defaultAction'], 'BLOCK', 'blocks every client unless firewall.allowIps lists some');
  }
  const allowed = new Set(firewall.allowIps);
  firewall.denyIps.forEach((range, i) => {
    if (allowed.has(range)) issue(['firewall', 'denyIps', i], range, 'is in firewall.allowIps too');
  });
  if (new Set(firewall.managedRuleGroups).size !== firewall.managedRuleGroups.length) {
    issue(['firewall', 'managedRuleGroups'], firewall.managedRuleGroups, 'must not name a rule group twice');
  }
}
