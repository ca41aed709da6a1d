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
import { type EdgeServiceOptions, parseEdgeServiceOptions } from './edge-options.ts';
import { answerClientErrors, httpTimeoutOptions } from '../shared/client-error.ts';
import { createEdgeFirewall } from './edge-firewall.ts';
import {
  EDGE_CLIENT_ERROR_ANSWERS,
  loggablePath,
  MAX_REQUEST_HEAD_BYTES,
  URL_TOO_LONG,
  urlTooLong,
} from './request-limits.ts';
import type { LocalService } from '../shared/service.ts';
import { policyWarnings } from './origin-request-policy.ts';

type Forward = Extract<EdgeDecision, { kind: 'forward' }>;

export type { EdgeServiceOptions } from './edge-options.ts';

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
  const firewallBlock = createEdgeFirewall(options.webAcl, settings.distributionDomainName, log);
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
