export { computeOriginRequest, recapitalizeHeaderName } from './origin-request-policy.ts';
export type { OriginRequestInput, OriginRequestParts } from './origin-request-policy.ts';
export { parseOriginRequestPolicyConfig, OriginRequestPolicyError } from './policy-config.ts';
export { createEdgeService } from './edge-service.ts';
export type { EdgeService, EdgeServiceOptions } from './edge-service.ts';
export type { ForwardedUpgradeRequest, OriginLink } from './origin-link.ts';
export { DEFAULT_EXECUTION_ERROR_STATUS, DEFAULT_IDLE_TIMEOUT_MS } from './edge-options.ts';
export type * from './types.ts';
