/** Checks `createEdgeService` options up front, so bad values fail at creation, all named in one message. */
import { type LocalLog, stderrLog } from '../shared/log.ts';
import { collectOptionProblems, isPort, PORT_RULE } from '../shared/options.ts';
import { checkHttpTimeouts, DEFAULT_HTTP_TIMEOUTS, type HttpTimeouts } from '../shared/client-error.ts';
import { originCustomHeaderProblems, originCustomHeaders, type OriginCustomHeader } from './origin-custom-headers.ts';
import { parseOriginRequestPolicyConfig } from './policy-config.ts';
import type { OriginRequestPolicyConfig } from './types.ts';
import type { CloudFrontFunctionRuntime } from '../../lang/cloudfront-js/index.ts';
import type { OriginLink } from './origin-link.ts';
import type { LocalWebAcl } from './web-acl.ts';

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

export interface EdgeServiceOptions {
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /**
   * The origin's scheme, host and port: ws:// or http:// (another process, e.g. a local stack started on its own)
   * or wss:// or https:// (a deployed API: wss://{apiId}.execute-api.{region}.amazonaws.com). Without `originLink`
   * every request goes there over TCP.
   */
  originUrl: string;
  /** PEM of the CA a TLS origin's certificate chains to, when it is not one the system trusts. */
  originCa?: string;
  /**
   * The origin at originUrl when it runs in this process: WebSocket upgrades are handed to it with the viewer's
   * socket instead of over a second TCP connection (plain HTTP requests still go to originUrl).
   */
  originLink?: OriginLink;
  /** CloudFront OriginPath, e.g. '/api'; '' for none. Starts with '/', does not end with '/'. */
  originPath: string;
  /** The viewer-request function; `cpuBudgetMs` defaults to DEFAULT_CPU_BUDGET_MS (lang/cloudfront-js). */
  viewerRequest?: { code: string; runtime: CloudFrontFunctionRuntime; cpuBudgetMs?: number };
  originRequestPolicy: OriginRequestPolicyConfig;
  /** `OriginCustomHeaders` of the origin as written (`[{HeaderName, HeaderValue}]`), added to every origin request. */
  originCustomHeaders?: unknown;
  distributionDomainName: string;
  distributionId?: string;
  /** No origin → viewer bytes for this long closes the connection. Default 600 000 (10 minutes). */
  idleTimeoutMs?: number;
  /** Status for function execution errors (throw, CPU budget). Default 503. Validation errors are always 502. */
  executionErrorStatus?: number;
  /** header and whole-request timeouts of the viewer-facing server; @default 10 s and 30 s */
  httpTimeouts?: Partial<HttpTimeouts>;
  /** What the edge reports (refusals, origin failures, idle closes). @default stderr */
  log?: LocalLog;
  /** The distribution's AWS WAF web ACL, applied to every viewer request before the function; `windowScale` shortens rate windows in tests. */
  webAcl?: { acl: LocalWebAcl; windowScale?: number };
}

export function parseEdgeServiceOptions(options: EdgeServiceOptions): EdgeSettings {
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
