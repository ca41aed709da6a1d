import type { CloudFrontFunctionRuntime } from '../../lang/cloudfront-js/index.ts';
import { createEdgeService, type EdgeService, type OriginLink } from '../edge/index.ts';
import type { HttpTimeouts } from '../shared/client-error.ts';
import type { LocalLog } from '../shared/log.ts';
import { distributionFromTemplate, webAclFromTemplate, type LocalTemplate } from '../template/index.ts';

/** The template's CloudFront distribution as a local edge in front of the API; none when the template has no distribution. */
export async function startEdge(
  template: LocalTemplate,
  origin: { url: string; link: OriginLink },
  {
    port,
    log,
    httpTimeouts,
    wafWindowScale,
  }: { port: number; log: LocalLog; httpTimeouts?: Partial<HttpTimeouts>; wafWindowScale?: number },
): Promise<EdgeService | undefined> {
  const distribution = distributionFromTemplate(template);
  if (!distribution) return undefined;
  const { viewerRequest } = distribution;
  const webAcl = webAclFromTemplate(template, distribution.logicalId, distribution.webAclId);
  if (webAcl.kind === 'elsewhere') log(`warning: ${webAcl.warning}`, 'warn');
  if (webAcl.kind === 'applied') {
    const { acl } = webAcl;
    log(
      `web ACL ${acl.name}: applying ${acl.rules.map((rule) => rule.name).join(', ') || 'no rule'} (default ${acl.defaultAction.kind})`,
    );
    for (const name of acl.notApplied)
      log(`warning: web ACL ${acl.name}: rule ${name} (an AWS managed rule group) is not applied locally`, 'warn');
  }
  for (const alias of distribution.aliases)
    log(`${alias} (an alias of the distribution) is served locally at the edge's own URL: no DNS, no certificate`);
  const edge = createEdgeService({
    port,
    originUrl: origin.url,
    originLink: origin.link,
    originPath: distribution.originPath,
    // The edge validates the policy and gates the function (runtime, size, syntax) when it is created.
    originRequestPolicy: distribution.originRequestPolicy as Parameters<
      typeof createEdgeService
    >[0]['originRequestPolicy'],
    originCustomHeaders: distribution.originCustomHeaders,
    distributionDomainName: distribution.domainName,
    ...(viewerRequest
      ? {
          viewerRequest: {
            code: viewerRequest.code as string,
            runtime: viewerRequest.runtime as CloudFrontFunctionRuntime,
          },
        }
      : {}),
    ...(httpTimeouts ? { httpTimeouts } : {}),
    ...(webAcl.kind === 'applied'
      ? { webAcl: { acl: webAcl.acl, ...(wafWindowScale === undefined ? {} : { windowScale: wafWindowScale }) } }
      : {}),
    log,
  });
  await edge.start();
  return edge;
}
