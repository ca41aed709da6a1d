import type { CloudFrontFunctionRuntime } from '../../lang/cloudfront-js/index.ts';
import { createEdgeService, type EdgeService, type OriginLink } from '../edge/index.ts';
import type { HttpTimeouts } from '../shared/client-error.ts';
import type { LocalLog } from '../shared/log.ts';
import { distributionFromTemplate, type LocalTemplate } from '../template/index.ts';

/** The template's CloudFront distribution as a local edge in front of the API; none when the template has no distribution. */
export async function startEdge(
  template: LocalTemplate, origin: { url: string; link: OriginLink },
  { port, log, httpTimeouts }: { port: number; log: LocalLog; httpTimeouts?: Partial<HttpTimeouts> },
): Promise<EdgeService | undefined> {
  const distribution = distributionFromTemplate(template);
  if (!distribution) return undefined;
  const { viewerRequest } = distribution;
  const edge = createEdgeService({
    port, originUrl: origin.url, originLink: origin.link, originPath: distribution.originPath,
    // The edge validates the policy and gates the function (runtime, size, syntax) when it is created.
    originRequestPolicy: distribution.originRequestPolicy as Parameters<typeof createEdgeService>[0]['originRequestPolicy'],
    originCustomHeaders: distribution.originCustomHeaders,
    distributionDomainName: distribution.domainName,
    ...(viewerRequest ? { viewerRequest: { code: viewerRequest.code as string, runtime: viewerRequest.runtime as CloudFrontFunctionRuntime } } : {}),
    ...(httpTimeouts ? { httpTimeouts } : {}),
    log,
  });
  await edge.start();
  return edge;
}
