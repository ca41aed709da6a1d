/**
 * One viewer request through the edge: event → viewer-request function → either an answer for the viewer
 * (function response, function error) or the request to send to the origin.
 */
import type { IncomingMessage } from 'node:http';
import { createRandomText } from '../shared/random-text.ts';
import type { HeaderLines } from './http-wire.ts';
import { applyOriginCustomHeaders, type OriginCustomHeader } from './origin-custom-headers.ts';
import { computeOriginRequest } from './origin-request-policy.ts';
import {
  type CloudFrontFunctionRuntime,
  compileViewerRequestFunction,
  type CompiledViewerRequestFunction,
  type FunctionResponse,
  type ValueEntry,
  type ViewerRequestOutcome,
} from '../../lang/cloudfront-js/index.ts';
import type { OriginRequestPolicyConfig } from './types.ts';
import { valueMapToPairs } from './value-maps.ts';
import { buildViewerRequestEvent, viewerIpOf } from './viewer-event.ts';

export interface EdgePipelineOptions {
  originPath: string;
  viewerRequest?: { code: string; runtime: CloudFrontFunctionRuntime; cpuBudgetMs?: number };
  originRequestPolicy: OriginRequestPolicyConfig;
  originCustomHeaders: readonly OriginCustomHeader[];
  distributionDomainName: string;
  distributionId: string;
  /** Status the viewer gets when the function throws or runs out of budget (UNCONFIRMED at AWS; 503 is what is commonly seen). */
  executionErrorStatus: number;
}

export type EdgeDecision =
  | {
      kind: 'answer';
      requestId: string;
      statusCode: number;
      statusMessage?: string;
      headers: HeaderLines;
      body: Buffer;
    }
  | { kind: 'forward'; requestId: string; path: string; headers: Record<string, string | string[]> };

export interface EdgePipeline {
  decide(viewer: IncomingMessage, websocket: boolean): EdgeDecision;
}

export function createEdgePipeline(options: EdgePipelineOptions): EdgePipeline {
  const compiled: CompiledViewerRequestFunction | undefined =
    options.viewerRequest &&
    compileViewerRequestFunction(
      options.viewerRequest.code,
      options.viewerRequest.runtime,
      options.viewerRequest.cpuBudgetMs === undefined ? {} : { cpuBudgetMs: options.viewerRequest.cpuBudgetMs },
    );
  // CloudFront request ids are 56 base64 characters (42 random bytes).
  const newRequestId = createRandomText(42, 'base64', 64);

  return {
    decide(viewer, websocket) {
      // The same id goes to the function and to X-Amz-Cf-Id.
      const requestId = newRequestId();
      const event = buildViewerRequestEvent(viewer, {
        distributionDomainName: options.distributionDomainName,
        distributionId: options.distributionId,
        requestId,
      });
      const outcome: ViewerRequestOutcome = compiled
        ? compiled.run(event)
        : { kind: 'request', request: event.request };
      if (outcome.kind === 'error')
        return errorAnswer(requestId, outcome.cause, outcome.reason, options.executionErrorStatus);
      if (outcome.kind === 'response') return functionAnswer(requestId, outcome.response);
      const finalHeaders = outcome.request.headers;
      const parts = computeOriginRequest({
        request: outcome.request,
        viewerIp: viewerIpOf(viewer),
        ...(viewer.socket.remotePort === undefined ? {} : { viewerPort: viewer.socket.remotePort }),
        requestId,
        distributionDomainName: options.distributionDomainName,
        policy: options.originRequestPolicy,
        ...(websocket
          ? {
              websocketHandshake: {
                key: handshakeHeader(finalHeaders['sec-websocket-key'], viewer.headers['sec-websocket-key']),
                version: handshakeHeader(
                  finalHeaders['sec-websocket-version'],
                  viewer.headers['sec-websocket-version'],
                ),
              },
            }
          : {}),
      });
      applyOriginCustomHeaders(parts.headers, options.originCustomHeaders);
      // OriginPath is prefixed to the (possibly rewritten) URI: '/api' + '/' → '/api/'.
      const path = `${options.originPath}${outcome.request.uri}${parts.queryString === '' ? '' : `?${parts.queryString}`}`;
      return { kind: 'forward', requestId, path, headers: parts.headers };
    },
  };
}

/**
 * A handshake header as the viewer sent it, every value (`k1, k2`, as Node joins repeats): the origin judges it. The
 * edge neither picks one of several keys nor makes up a missing version, so a malformed upgrade is refused by the
 * origin through the edge exactly as directly.
 */
function handshakeHeader(
  entry: ValueEntry | undefined,
  viewerValue: string | string[] | undefined,
): string | undefined {
  if (entry !== undefined)
    return (
      entry.multiValue && entry.multiValue.length > 0 ? entry.multiValue.map((item) => item.value) : [entry.value]
    ).join(', ');
  return Array.isArray(viewerValue) ? viewerValue.join(', ') : viewerValue;
}

/** Headers CloudFront puts on every answer it gives the viewer. */
export function edgeResponseHeaders(requestId: string, distributionDomainName: string, xCache: string): HeaderLines {
  return [
    ['X-Cache', xCache],
    ['Via', `1.1 ${distributionDomainName} (CloudFront)`],
    ['X-Amz-Cf-Pop', 'LOCAL1-C1'],
    ['X-Amz-Cf-Id', requestId],
  ];
}

function errorAnswer(
  requestId: string,
  cause: 'execution' | 'validation',
  reason: string,
  executionStatus: number,
): EdgeDecision {
  const statusCode = cause === 'validation' ? 502 : executionStatus;
  const kindName = cause === 'validation' ? 'FunctionValidationError' : 'FunctionExecutionError';
  const body = `${statusCode} ERROR\nThe request could not be satisfied.\n${kindName}: ${reason}\nRequest ID: ${requestId}\n`;
  return {
    kind: 'answer',
    requestId,
    statusCode,
    headers: [
      ['Content-Type', 'text/plain; charset=utf-8'],
      ['X-Cache', `${kindName} from cloudfront`],
      ['X-Amz-Cf-Id', requestId],
    ],
    body: Buffer.from(body, 'utf8'),
  };
}

function functionAnswer(requestId: string, response: FunctionResponse): EdgeDecision {
  const headers: HeaderLines = valueMapToPairs(response.headers ?? {});
  for (const [name, value] of valueMapToPairs(response.cookies ?? {})) headers.push(['set-cookie', `${name}=${value}`]);
  headers.push(['X-Cache', 'FunctionGeneratedResponse from cloudfront'], ['X-Amz-Cf-Id', requestId]);
  const body =
    response.body === undefined
      ? Buffer.alloc(0)
      : typeof response.body === 'string'
        ? Buffer.from(response.body, 'utf8')
        : Buffer.from(response.body.data, response.body.encoding === 'base64' ? 'base64' : 'utf8');
  return {
    kind: 'answer',
    requestId,
    statusCode: response.statusCode,
    ...(response.statusDescription === undefined ? {} : { statusMessage: response.statusDescription }),
    headers,
    body,
  };
}
