/**
 * The local CloudFront edge: an HTTP server that accepts WebSocket upgrades on any path, runs the viewer-request
 * function, applies the origin request policy and relays the connection to the origin (the API stage).
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  createEdgePipeline,
  edgeResponseHeaders,
  type EdgeDecision,
  type EdgePipelineOptions,
} from './edge-pipeline.ts';
import { headerLine, headerLinesOf, writeHttpResponse, writeSwitchingProtocols } from './http-wire.ts';
import { callOrigin } from './origin-connect.ts';
import { closeWhenOriginIdle } from './idle-close.ts';
import { forwardedUpgradeRequest, type OriginLink } from './origin-link.ts';
import { pipeWebSocketBytes } from './socket-pipe.ts';
import type { CloudFrontFunctionRuntime } from '../../lang/cloudfront-js/index.ts';
import type { LocalLog } from '../shared/log.ts';
import type { OriginRequestPolicyConfig } from './types.ts';
import { parseEdgeServiceOptions } from './edge-options.ts';
import { answerClientErrors, httpTimeoutOptions, type HttpTimeouts } from '../shared/client-error.ts';
import { createWebAclEvaluator, type LocalWebAcl } from './web-acl.ts';
import { wafBlockAnswer } from './waf-answer.ts';
import { viewerIpOf } from './viewer-event.ts';
import { createRandomText } from '../shared/random-text.ts';
import {
  EDGE_CLIENT_ERROR_ANSWERS,
  loggablePath,
  MAX_REQUEST_HEAD_BYTES,
  MAX_URL_BYTES,
  URL_TOO_LONG,
} from './request-limits.ts';
import type { LocalService } from '../shared/service.ts';
import { policyWarnings } from './origin-request-policy.ts';

type Forward = Extract<EdgeDecision, { kind: 'forward' }>;

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

export interface EdgeService extends LocalService {
  /** The bound port once started (the configured one before). */
  readonly port: number;
}

export function createEdgeService(options: EdgeServiceOptions): EdgeService {
  const settings = parseEdgeServiceOptions(options);
  const { log } = settings;
  const pipelineOptions: EdgePipelineOptions = {
    originPath: settings.originPath,
    originRequestPolicy: settings.originRequestPolicy,
    originCustomHeaders: settings.originCustomHeaders,
    distributionDomainName: settings.distributionDomainName,
    distributionId: settings.distributionId,
    executionErrorStatus: settings.executionErrorStatus,
    ...(options.viewerRequest ? { viewerRequest: options.viewerRequest } : {}),
  };
  const pipeline = createEdgePipeline(pipelineOptions); // compiles the function now: bad code fails at creation
  const firewall =
    options.webAcl &&
    createWebAclEvaluator(
      options.webAcl.acl,
      options.webAcl.windowScale === undefined ? {} : { windowScale: options.webAcl.windowScale },
    );
  const newWafRequestId = createRandomText(42, 'base64', 64);
  /** The web ACL's answer when it blocks the viewer (by the socket's address), else undefined. */
  const firewallBlock = (request: IncomingMessage) => {
    if (!firewall) return undefined;
    const clientIp = viewerIpOf(request);
    const verdict = firewall.evaluate(clientIp);
    if (verdict.action === 'allow') return undefined;
    log(`${loggablePath(request.url)} from ${clientIp} blocked by web ACL rule ${verdict.rule}`);
    return wafBlockAnswer(newWafRequestId(), settings.distributionDomainName, verdict.response);
  };
  const openSockets = new Set<Duplex>();
  const track = (socket: Duplex): void => {
    openSockets.add(socket);
    socket.on('close', () => openSockets.delete(socket));
    socket.on('error', (error) => log(`socket error: ${error.message}`));
  };
  let server: http.Server | undefined;
  let boundPort = settings.port;

  const decideSafely = (request: IncomingMessage, websocket: boolean): EdgeDecision | undefined => {
    try {
      return pipeline.decide(request, websocket);
    } catch (error) {
      log(`internal error: ${(error as Error).message}`);
      return undefined;
    }
  };

  async function handleUpgrade(request: IncomingMessage, viewer: Duplex, viewerHead: Buffer): Promise<void> {
    if (String(request.headers.upgrade ?? '').toLowerCase() !== 'websocket' || !request.headers['sec-websocket-key']) {
      writeHttpResponse(viewer, 400, undefined, [], Buffer.from('Bad WebSocket upgrade request\n'));
      return;
    }
    if (urlTooLong(request))
      return writeHttpResponse(
        viewer,
        URL_TOO_LONG.status,
        undefined,
        [['Content-Type', URL_TOO_LONG.contentType]],
        Buffer.from(URL_TOO_LONG.body),
      );
    const blocked = firewallBlock(request);
    if (blocked) return writeHttpResponse(viewer, blocked.statusCode, undefined, blocked.headers, blocked.body);
    const decision = decideSafely(request, true);
    if (!decision) return writeHttpResponse(viewer, 502, undefined, [], Buffer.alloc(0));
    if (decision.kind === 'answer') {
      log(`${loggablePath(request.url)} answered ${decision.statusCode} at the edge`);
      return writeHttpResponse(viewer, decision.statusCode, decision.statusMessage, decision.headers, decision.body);
    }
    if (options.originLink) return handOver(options.originLink, request, viewer, viewerHead, decision);
    // The viewer's method goes on: the origin refuses an upgrade that is not a GET (405), as ws does.
    const call = callOrigin(
      settings.originUrl,
      decision.path,
      request.method ?? 'GET',
      decision.headers,
      settings.originCa,
    );
    const abortCall = (): void => call.abort();
    viewer.once('close', abortCall);
    const answer = await call.answer;
    viewer.off('close', abortCall);
    const edgeHeaders = edgeResponseHeaders(
      decision.requestId,
      settings.distributionDomainName,
      'Miss from cloudfront',
    );
    if (answer.kind === 'unreachable') {
      log(`origin unreachable for ${loggablePath(decision.path)}: ${answer.reason}`);
      return writeHttpResponse(
        viewer,
        502,
        undefined,
        edgeHeaders,
        Buffer.from('502 ERROR\nThe request could not be satisfied.\n'),
      );
    }
    if (answer.kind === 'response') {
      log(`origin refused ${loggablePath(decision.path)} with ${answer.response.statusCode ?? 502}`);
      return writeHttpResponse(
        viewer,
        answer.response.statusCode ?? 502,
        answer.response.statusMessage,
        [...headerLinesOf(answer.response.rawHeaders), ...edgeHeaders],
        answer.body,
      );
    }
    track(answer.socket);
    if (viewer.destroyed) {
      answer.socket.destroy();
      return;
    }
    // The origin chose (or did not choose) the subprotocol; its handshake headers go back unchanged.
    writeSwitchingProtocols(viewer, [...headerLinesOf(answer.response.rawHeaders), ...edgeHeaders]);
    if (answer.head.length > 0) viewer.write(answer.head);
    if (viewerHead.length > 0) answer.socket.write(viewerHead);
    log(`${loggablePath(request.url)} connected to origin ${loggablePath(decision.path)}`);
    pipeWebSocketBytes(viewer, answer.socket);
    closeWhenOriginIdle(viewer, settings.idleTimeoutMs, idleLogger(loggablePath(request.url)));
  }

  function handOver(
    link: OriginLink,
    request: IncomingMessage,
    viewer: Duplex,
    viewerHead: Buffer,
    decision: Forward,
  ): void {
    const edgeHeaders = edgeResponseHeaders(
      decision.requestId,
      settings.distributionDomainName,
      'Miss from cloudfront',
    );
    const forwarded = forwardedUpgradeRequest(
      settings.originUrl,
      decision.path,
      decision.headers,
      request.method ?? 'GET',
    );
    link.acceptUpgrade(
      forwarded,
      viewer,
      viewerHead,
      edgeHeaders.map(([name, value]) => headerLine(name, value)),
    );
    log(`${loggablePath(request.url)} handed to origin ${loggablePath(decision.path)}`);
    closeWhenOriginIdle(viewer, settings.idleTimeoutMs, idleLogger(loggablePath(request.url)));
  }

  /**
   * Built outside handleUpgrade on purpose: a closure made there would keep that call's whole scope (the
   * upgrade request, the origin's response, the client request) alive for the life of the connection.
   */
  function idleLogger(path: string): () => void {
    return () => log(`closing ${path}: no origin bytes for ${settings.idleTimeoutMs} ms`);
  }

  /** CloudFront's URL limit: the target plus scheme and host (the Host header), in bytes. */
  function urlTooLong(request: IncomingMessage): boolean {
    return Buffer.byteLength(`https://${request.headers.host ?? ''}${request.url ?? '/'}`) > MAX_URL_BYTES;
  }

  async function handlePlainRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const reply = (status: number, message: string | undefined, headers: [string, string][], body: Buffer): void => {
      if (response.headersSent) return void response.destroy();
      response.writeHead(status, message, headers.flat().concat(['Content-Length', String(body.length)]));
      response.end(body);
    };
    if (urlTooLong(request))
      return reply(
        URL_TOO_LONG.status,
        undefined,
        [['Content-Type', URL_TOO_LONG.contentType]],
        Buffer.from(URL_TOO_LONG.body),
      );
    const blocked = firewallBlock(request);
    if (blocked) return reply(blocked.statusCode, undefined, blocked.headers, blocked.body);
    const decision = decideSafely(request, false);
    if (!decision) return reply(502, undefined, [], Buffer.alloc(0));
    if (decision.kind === 'answer')
      return reply(decision.statusCode, decision.statusMessage, decision.headers, decision.body);
    const answer = await callOrigin(
      settings.originUrl,
      decision.path,
      request.method ?? 'GET',
      decision.headers,
      settings.originCa,
    ).answer;
    const edgeHeaders = edgeResponseHeaders(
      decision.requestId,
      settings.distributionDomainName,
      'Miss from cloudfront',
    );
    if (answer.kind !== 'response') {
      if (answer.kind === 'upgraded') answer.socket.destroy();
      return reply(502, undefined, edgeHeaders, Buffer.from('502 ERROR\nThe request could not be satisfied.\n'));
    }
    const framing = new Set(['content-length', 'connection', 'transfer-encoding', 'keep-alive']);
    const relayed = headerLinesOf(answer.response.rawHeaders).filter(([name]) => !framing.has(name.toLowerCase()));
    reply(answer.response.statusCode ?? 502, answer.response.statusMessage, [...relayed, ...edgeHeaders], answer.body);
  }

  return {
    get port() {
      return boundPort;
    },
    async start() {
      if (server) throw new Error('edge service is already started');
      const created = http.createServer(
        { maxHeaderSize: MAX_REQUEST_HEAD_BYTES, ...httpTimeoutOptions(settings.httpTimeouts) },
        (request, response) => {
          handlePlainRequest(request, response).catch((error: Error) => {
            log(`request failed: ${error.message}`);
            response.destroy();
          });
        },
      );
      created.on('connection', track);
      answerClientErrors(created, EDGE_CLIENT_ERROR_ANSWERS, log);
      created.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
        socket.on('error', (error) => log(`viewer socket error: ${error.message}`));
        handleUpgrade(request, socket, head).catch((error: Error) => {
          log(`upgrade failed: ${error.message}`);
          socket.destroy();
        });
      });
      await new Promise<void>((resolve, reject) => {
        created.once('error', reject);
        created.listen(settings.port, settings.host, () => {
          created.off('error', reject);
          resolve();
        });
      });
      server = created;
      boundPort = (created.address() as AddressInfo).port;
      log(`listening on http://${settings.host}:${boundPort} → ${settings.originUrl.origin}${settings.originPath}`);
      for (const warning of policyWarnings(settings.originRequestPolicy)) log(`warning: ${warning}`, 'warn');
    },
    async stop() {
      const running = server;
      if (!running) return;
      server = undefined;
      const closed = new Promise<void>((resolve) => running.close(() => resolve()));
      for (const socket of openSockets) socket.destroy();
      await closed;
    },
  };
}
