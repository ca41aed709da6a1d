/** Checks `createEdgeService` options up front, so a bad value fails at creation with a clear message. */
import { parseOriginRequestPolicyConfig } from './policy-config.ts';
import type { OriginRequestPolicyConfig } from './types.ts';

export interface EdgeSettings {
  port: number;
  host: string;
  originUrl: URL;
  originPath: string;
  originRequestPolicy: OriginRequestPolicyConfig;
  distributionDomainName: string;
  distributionId: string;
  idleTimeoutMs: number;
  executionErrorStatus: number;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 10 * 60 * 1000;
export const DEFAULT_EXECUTION_ERROR_STATUS = 503;

interface RawEdgeOptions {
  port?: number; host?: string; originUrl: string; originPath: string; originRequestPolicy: unknown;
  distributionDomainName: string; distributionId?: string; idleTimeoutMs?: number; executionErrorStatus?: number;
}

export function parseEdgeServiceOptions(options: RawEdgeOptions): EdgeSettings {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('port', port, 'an integer from 0 to 65535');
  let originUrl: URL;
  try {
    originUrl = new URL(options.originUrl);
  } catch {
    fail('originUrl', options.originUrl, 'an absolute URL such as ws://127.0.0.1:3001');
  }
  if (originUrl.protocol !== 'ws:' && originUrl.protocol !== 'http:') fail('originUrl', options.originUrl, 'a ws:// or http:// URL');
  if (originUrl.pathname !== '/' || originUrl.search !== '') fail('originUrl', options.originUrl, 'scheme, host and port only (put the path in originPath)');
  const originPath = options.originPath;
  if (typeof originPath !== 'string' || (originPath !== '' && (!originPath.startsWith('/') || originPath.endsWith('/')))) {
    fail('originPath', originPath, "'' or a path that starts with '/' and does not end with '/' (CloudFront OriginPath)");
  }
  if (typeof options.distributionDomainName !== 'string' || options.distributionDomainName === '') {
    fail('distributionDomainName', options.distributionDomainName, 'a non-empty host name');
  }
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  if (!Number.isInteger(idleTimeoutMs) || idleTimeoutMs < 1) fail('idleTimeoutMs', idleTimeoutMs, 'a positive integer (milliseconds)');
  const executionErrorStatus = options.executionErrorStatus ?? DEFAULT_EXECUTION_ERROR_STATUS;
  if (!Number.isInteger(executionErrorStatus) || executionErrorStatus < 400 || executionErrorStatus > 599) {
    fail('executionErrorStatus', executionErrorStatus, 'an HTTP error status from 400 to 599');
  }
  return {
    port, host: options.host ?? '127.0.0.1', originUrl, originPath,
    originRequestPolicy: parseOriginRequestPolicyConfig(options.originRequestPolicy, 'originRequestPolicy'),
    distributionDomainName: options.distributionDomainName,
    distributionId: options.distributionId ?? 'ELOCALEDGE0001',
    idleTimeoutMs, executionErrorStatus,
  };
}

function fail(field: string, value: unknown, rule: string): never {
  throw new TypeError(`edge option ${field} is ${JSON.stringify(value)}; it must be ${rule}`);
}
