import { createEdgeService, parseOriginRequestPolicyConfig, type EdgeService, type OriginLink } from '../edge/index.ts';
import type { LocalTemplate } from '../template/index.ts';

interface DistributionConfig {
  Origins?: Array<{ OriginPath?: string }>;
  DefaultCacheBehavior?: { OriginRequestPolicyId?: string; FunctionAssociations?: Array<{ EventType?: string; FunctionARN?: string }> };
}

/** The template's CloudFront distribution as a local edge in front of the API; none when the template has no distribution. */
export async function startEdge(
  template: LocalTemplate, origin: { url: string; link: OriginLink }, port: number, log: (line: string) => void,
): Promise<EdgeService | undefined> {
  const resources = [...template.resources.values()];
  const distribution = resources.find((r) => r.type === 'AWS::CloudFront::Distribution');
  if (!distribution) return undefined;
  const config = (distribution.properties as { DistributionConfig: DistributionConfig }).DistributionConfig;
  const behavior = config.DefaultCacheBehavior ?? {};
  const policy = resources.find((r) => r.type === 'AWS::CloudFront::OriginRequestPolicy' && template.physicalIds.get(r.logicalId)?.attributes['Id'] === behavior.OriginRequestPolicyId);
  const association = behavior.FunctionAssociations?.find((a) => a.EventType === 'viewer-request');
  const fn = resources.find((r) => r.type === 'AWS::CloudFront::Function' && template.physicalIds.get(r.logicalId)?.attributes['FunctionARN'] === association?.FunctionARN);
  const fnProps = fn?.properties as { FunctionCode: string; FunctionConfig: { Runtime: 'cloudfront-js-1.0' | 'cloudfront-js-2.0' } } | undefined;
  const edge = createEdgeService({
    port, originUrl: origin.url, originLink: origin.link, originPath: config.Origins?.[0]?.OriginPath ?? '',
    originRequestPolicy: parseOriginRequestPolicyConfig((policy?.properties as { OriginRequestPolicyConfig?: unknown } | undefined)?.OriginRequestPolicyConfig ?? {}),
    distributionDomainName: template.physicalIds.get(distribution.logicalId)?.attributes['DomainName'] ?? 'local.cloudfront.localhost',
    ...(fnProps ? { viewerRequest: { code: fnProps.FunctionCode, runtime: fnProps.FunctionConfig.Runtime } } : {}),
    log,
  });
  await edge.start();
  return edge;
}
