export { computeOriginRequest, recapitalizeHeaderName } from './origin-request-policy.ts';
export { parseOriginRequestPolicyConfig } from './policy-config.ts';
export { createEdgeService } from './edge-service.ts';
export type { EdgeService, EdgeServiceOptions } from './edge-service.ts';
export type { OriginLink } from './origin-link.ts';
export type * from './types.ts';
export type { LocalWebAcl, WafAction, WafRule } from './web-acl.ts';
