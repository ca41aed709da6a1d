/**
 * The template's CloudFront distribution, read like every other resource: what the local edge needs (origin
 * path, origin request policy, viewer-request function). The policy and the function are passed on as written;
 * the edge service validates them (and names the bad field) when it is created. What the edge does not emulate
 * is refused here by name instead of being ignored.
 */
import { TemplateError } from './errors.ts';
import { resourcesOfType } from './read-properties.ts';
import type { LocalResource, LocalTemplate } from './types.ts';

export interface LocalDistribution {
  logicalId: string;
  /** The distribution's `DomainName` attribute (a placeholder locally; the edge reports its own URL). */
  domainName: string;
  /** `OriginPath` of the origin the default cache behavior targets; '' for none. */
  originPath: string;
  /** `OriginCustomHeaders` of that origin, as written (the edge service validates them). */
  originCustomHeaders: unknown;
  /** `OriginRequestPolicyConfig` of the default cache behavior's policy, as written. */
  originRequestPolicy: unknown;
  /** The viewer-request CloudFront Function of the default cache behavior, when one is associated. */
  viewerRequest?: { code: unknown; runtime: unknown };
  /** `WebACLId` as resolved (the web ACL's ARN), when the distribution has one (./web-acl.ts reads it). */
  webAclId?: unknown;
  /** `Aliases`: served locally at the edge's own URL (no DNS, no certificate). */
  aliases: string[];
}

interface DistributionConfig {
  WebACLId?: unknown;
  Aliases?: unknown;
  Origins?: Array<{ Id?: string; OriginPath?: string; OriginCustomHeaders?: unknown }>;
  DefaultCacheBehavior?: {
    TargetOriginId?: string;
    OriginRequestPolicyId?: string;
    FunctionAssociations?: Array<{ EventType?: string; FunctionARN?: string }>;
    LambdaFunctionAssociations?: unknown[];
  };
  CacheBehaviors?: unknown[];
}

/** The one distribution of the template, or undefined when it has none (the stack then runs no edge). */
export function distributionFromTemplate(template: LocalTemplate): LocalDistribution | undefined {
  const distributions = resourcesOfType(template, 'AWS::CloudFront::Distribution');
  if (distributions.length > 1) {
    throw new TemplateError(
      `Resources: ${distributions.map((d) => d.logicalId).join(', ')}: the local stack runs one CloudFront distribution, not ${distributions.length}`,
    );
  }
  const [distribution] = distributions;
  if (!distribution) return undefined;
  const at = `Resources.${distribution.logicalId}.Properties.DistributionConfig`;
  const config =
    ((distribution.properties ?? {}) as { DistributionConfig?: DistributionConfig }).DistributionConfig ?? {};
  if ((config.CacheBehaviors ?? []).length > 0)
    throw new TemplateError(`${at}.CacheBehaviors: only the DefaultCacheBehavior is emulated locally`);
  const behavior = config.DefaultCacheBehavior ?? {};
  if ((behavior.LambdaFunctionAssociations ?? []).length > 0) {
    throw new TemplateError(
      `${at}.DefaultCacheBehavior.LambdaFunctionAssociations: Lambda@Edge is not emulated locally`,
    );
  }
  const origin = config.Origins?.find((o) => o.Id === behavior.TargetOriginId) ?? config.Origins?.[0];
  const viewerRequest = viewerRequestFunction(
    template,
    behavior.FunctionAssociations ?? [],
    `${at}.DefaultCacheBehavior.FunctionAssociations`,
  );
  return {
    logicalId: distribution.logicalId,
    domainName:
      template.physicalIds.get(distribution.logicalId)?.attributes['DomainName'] ?? 'local.cloudfront.localhost',
    originPath: origin?.OriginPath ?? '',
    originCustomHeaders: origin?.OriginCustomHeaders,
    originRequestPolicy: originRequestPolicy(
      template,
      behavior.OriginRequestPolicyId,
      `${at}.DefaultCacheBehavior.OriginRequestPolicyId`,
    ),
    ...(viewerRequest ? { viewerRequest } : {}),
    ...(config.WebACLId === undefined ? {} : { webAclId: config.WebACLId }),
    aliases: Array.isArray(config.Aliases) ? config.Aliases.map(String) : [],
  };
}

/**
 * Managed origin request policies the edge emulates, by the ids CloudFormation uses (CloudFront's "Use managed
 * origin request policies" page). AllViewer forwards every viewer header, Host included.
 */
const MANAGED_POLICIES: Record<string, { name: string; config: unknown }> = {
  '216adef6-5c7f-47e4-b989-5492eafa07d3': {
    name: 'AllViewer',
    config: {
      HeadersConfig: { HeaderBehavior: 'allViewer' },
      CookiesConfig: { CookieBehavior: 'all' },
      QueryStringsConfig: { QueryStringBehavior: 'all' },
    },
  },
};

/** Headers CloudFront refuses (400, InvalidArgument) in an origin request policy: they belong in the cache key. */
const REFUSED_POLICY_HEADERS: Record<string, string> = {
  authorization:
    'CloudFront refuses (400 at creation) an origin request policy that forwards Authorization; it must be part of the cache key, set in a cache policy',
};

function originRequestPolicy(template: LocalTemplate, policyId: string | undefined, at: string): unknown {
  if (policyId === undefined)
    throw new TemplateError(
      `${at}: missing; the local edge forwards what an origin request policy of the template allows`,
    );
  const managed = MANAGED_POLICIES[policyId];
  if (managed !== undefined) return managed.config;
  const policy = findByAttribute(template, 'AWS::CloudFront::OriginRequestPolicy', 'Id', policyId);
  if (!policy) {
    throw new TemplateError(
      `${at}: ${JSON.stringify(policyId)} is not a policy of this template (of the managed policies only AllViewer, 216adef6-5c7f-47e4-b989-5492eafa07d3, is emulated)`,
    );
  }
  const config =
    ((policy.properties ?? {}) as { OriginRequestPolicyConfig?: { HeadersConfig?: { Headers?: unknown } } })
      .OriginRequestPolicyConfig ?? {};
  const headers = config.HeadersConfig?.Headers;
  if (Array.isArray(headers)) {
    headers.forEach((name, index) => {
      const rule = typeof name === 'string' ? REFUSED_POLICY_HEADERS[name.toLowerCase()] : undefined;
      if (rule !== undefined) {
        throw new TemplateError(
          `Resources.${policy.logicalId}.Properties.OriginRequestPolicyConfig.HeadersConfig.Headers[${index}]: ${JSON.stringify(name)}: ${rule}`,
        );
      }
    });
  }
  return config;
}

function viewerRequestFunction(
  template: LocalTemplate,
  associations: Array<{ EventType?: string; FunctionARN?: string }>,
  at: string,
): LocalDistribution['viewerRequest'] {
  associations.forEach((association, index) => {
    if (association.EventType !== 'viewer-request') {
      throw new TemplateError(
        `${at}[${index}].EventType: ${JSON.stringify(association.EventType)} is not emulated locally (only viewer-request)`,
      );
    }
  });
  const [association] = associations;
  if (!association) return undefined;
  const fn = findByAttribute(template, 'AWS::CloudFront::Function', 'FunctionARN', association.FunctionARN);
  if (!fn)
    throw new TemplateError(
      `${at}[0].FunctionARN: ${JSON.stringify(association.FunctionARN)} is not a CloudFront Function of this template`,
    );
  const properties = (fn.properties ?? {}) as { FunctionCode?: unknown; FunctionConfig?: { Runtime?: unknown } };
  return { code: properties.FunctionCode, runtime: properties.FunctionConfig?.Runtime };
}

function findByAttribute(
  template: LocalTemplate,
  type: string,
  attribute: string,
  value: string | undefined,
): LocalResource | undefined {
  return resourcesOfType(template, type).find(
    (resource) => template.physicalIds.get(resource.logicalId)?.attributes[attribute] === value,
  );
}
