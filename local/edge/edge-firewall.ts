import type { IncomingMessage } from 'node:http';
import type { LocalLog } from '../shared/log.ts';
import { createRandomText } from '../shared/random-text.ts';
import { loggablePath } from './request-limits.ts';
import { viewerIpOf } from './viewer-event.ts';
import { wafBlockAnswer, type WafAnswer } from './waf-answer.ts';
import { createWebAclEvaluator, type LocalWebAcl } from './web-acl.ts';

/**
 * The distribution's AWS WAF web ACL in front of the edge: applied to every viewer request (upgrade or plain) before
 * the viewer-request function. Returns the answer CloudFront sends when the ACL blocks the viewer (by the socket's
 * address), else undefined; without a web ACL it lets everything through.
 */
export function createEdgeFirewall(
  webAcl: { acl: LocalWebAcl; windowScale?: number } | undefined,
  distributionDomainName: string,
  log: LocalLog,
): (request: IncomingMessage) => WafAnswer | undefined {
  if (!webAcl) return () => undefined;
  const firewall = createWebAclEvaluator(
    webAcl.acl,
    webAcl.windowScale === undefined ? {} : { windowScale: webAcl.windowScale },
  );
  const newWafRequestId = createRandomText(42, 'base64', 64);
  return (request) => {
    const clientIp = viewerIpOf(request);
    const verdict = firewall.evaluate(clientIp);
    if (verdict.action === 'allow') return undefined;
    log(`${loggablePath(request.url)} from ${clientIp} blocked by web ACL rule ${verdict.rule}`);
    return wafBlockAnswer(newWafRequestId(), distributionDomainName, verdict.response);
  };
}
