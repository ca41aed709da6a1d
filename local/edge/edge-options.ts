/** Checks `createEdgeService` options up front, so bad values fail at creation, all named in one message. */
import { type LocalLog, stderrLog } from '../shared/log.ts';
import { collectOptionProblems, isPort, PORT_RULE } from '../shared/options.ts';
import { checkHttpTimeouts, DEFAULT_HTTP_TIMEOUTS, type HttpTimeouts } from '../shared/client-error.ts';
import { originCustomHeaderProblems, originCustomHeaders, type OriginCustomHeader } from './origin-custom-headers.ts';
import { parseOriginRequestPolicyConfig } from './policy-config.ts';
import type { OriginRequestPolicyConfig } from './types.ts';

export interface EdgeSettings {
  port: number;
  host: string;
  originUrl: URL;
  /** PEM of the CA an https/wss origin's certificate chains to, instead of the system's CAs. */
  originCa: string | undefined;
  originPath: string;
  originRequestPolicy: OriginRequestPolicyConfig;
  originCustomHeaders: OriginCustomHeader[];
  distributionDomainName: string;
  distributionId: string;
  idleTimeoutMs: number;
  executionErrorStatus: number;
  log: LocalLog;
  httpTimeouts: HttpTimeouts;
}

const DEFAULT_IDLE_TIMEOUT_MS = 10 * 60 * 1000;
const DEFAULT_EXECUTION_ERROR_STATUS = 503;
/** ws/http over TCP; wss/https over TLS, as CloudFront reaches a deployed API Gateway. */
const ORIGIN_SCHEMES = new Set(['ws:', 'http:', 'wss:', 'https:']);

interface RawEdgeOptions {
  port?: number;
  host?: string;
  originUrl: string;
  originCa?: string;
  originPath: string;
  originRequestPolicy: unknown;
  originCustomHeaders?: unknown;
  distributionDomainName: string;
  distributionId?: string;
  idleTimeoutMs?: number;
  executionErrorStatus?: number;
  log?: LocalLog;
  httpTimeouts?: Partial<HttpTimeouts>;
}

export function parseEdgeServiceOptions(options: RawEdgeOptions): EdgeSettings {
  const problems = collectOptionProblems('createEdgeService');
  const port = options.port ?? 0;
  if (!isPort(port)) problems.add('port', port, PORT_RULE);
  const originUrl = URL.canParse(options.originUrl) ? new URL(options.originUrl) : undefined;
  if (originUrl === undefined)
    problems.add('originUrl', options.originUrl, 'must be an absolute URL such as ws://127.0.0.1:3001');
  else if (!ORIGIN_SCHEMES.has(originUrl.protocol))
    problems.add('originUrl', options.originUrl, 'must be a ws://, wss://, http:// or https:// URL');
  else if (originUrl.pathname !== '/' || originUrl.search !== '') {
    problems.add('originUrl', options.originUrl, 'must be scheme, host and port only (put the path in originPath)');
  }
  if (
    options.originCa !== undefined &&
    (typeof options.originCa !== 'string' || !options.originCa.includes('-----BEGIN CERTIFICATE-----'))
  ) {
    problems.add('originCa', options.originCa, 'must be PEM text of a CA certificate');
  }
  const originPath = options.originPath;
  if (
    typeof originPath !== 'string' ||
    (originPath !== '' && (!originPath.startsWith('/') || originPath.endsWith('/')))
  ) {
    problems.add(
      'originPath',
      originPath,
      "must be '' or a path that starts with '/' and does not end with '/' (CloudFront OriginPath)",
    );
  }
  if (typeof options.distributionDomainName !== 'string' || options.distributionDomainName === '') {
    problems.add('distributionDomainName', options.distributionDomainName, 'must be a non-empty host name');
  }
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  if (!Number.isInteger(idleTimeoutMs) || idleTimeoutMs < 1)
    problems.add('idleTimeoutMs', idleTimeoutMs, 'must be a positive integer (milliseconds)');
  const executionErrorStatus = options.executionErrorStatus ?? DEFAULT_EXECUTION_ERROR_STATUS;
  if (!Number.isInteger(executionErrorStatus) || executionErrorStatus < 400 || executionErrorStatus > 599) {
    problems.add('executionErrorStatus', executionErrorStatus, 'must be an HTTP error status from 400 to 599');
  }
  if (options.log !== undefined && typeof options.log !== 'function')
    problems.add('log', options.log, 'must be a function (line) => void');
  const httpTimeouts = { ...DEFAULT_HTTP_TIMEOUTS, ...options.httpTimeouts };
  checkHttpTimeouts(problems, httpTimeouts, 'httpTimeouts');
  let originRequestPolicy: OriginRequestPolicyConfig | undefined;
  try {
    originRequestPolicy = parseOriginRequestPolicyConfig(options.originRequestPolicy, 'originRequestPolicy');
  } catch (error) {
    problems.addAll([(error as Error).message]);
  }
  problems.addAll(originCustomHeaderProblems(options.originCustomHeaders, 'originCustomHeaders'));
  problems.throwIfAny();
  // originUrl and originRequestPolicy are set whenever no problem was found.
  return {
    port,
    host: options.host ?? '127.0.0.1',
    originUrl: originUrl!,
    originCa: options.originCa,
    originPath,
    originRequestPolicy: originRequestPolicy!,
    originCustomHeaders: originCustomHeaders(options.originCustomHeaders),
    distributionDomainName: options.distributionDomainName,
    distributionId: options.distributionId ?? 'ELOCALEDGE0001',
    idleTimeoutMs,
    executionErrorStatus,
    httpTimeouts,
    log: options.log ?? stderrLog('edge'),
  };
}
