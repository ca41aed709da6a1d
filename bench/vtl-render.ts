/**
 * Mapping-template render time, the compiled path against velocityjs (the reference), on template.yaml's own
 * templates and a `$connect` request with the headers the edge sends: per-render medians in this process, and their
 * ratio.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseCloudFormation } from '../cfn/yaml.ts';
import type { CfnValue } from '../cfn/types.ts';
import { substitutePlaceholders } from '../checks/vtl-templates.ts';
import { createVtlEngine, type VtlEngine, type VtlRequest } from '../lang/vtl/index.ts';
import { median } from './local-stack/report.ts';

const RENDERS = 2_000;
const ROUNDS = 7;

function requestTemplates(file: string): { name: string; text: string }[] {
  const template = parseCloudFormation(readFileSync(file, 'utf8'), file) as {
    Resources: Record<string, { Type?: string; Properties?: { RequestTemplates?: Record<string, CfnValue> } }>;
  };
  const found: { name: string; text: string }[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    for (const value of Object.values(resource.Properties?.RequestTemplates ?? {})) {
      const text = substitutePlaceholders(value);
      if (text !== undefined) found.push({ name: id, text });
    }
  }
  return found;
}

/**
 * A `$connect` request as the gateway builds it for a client that came through the edge: the handshake's own
 * headers, the ones CloudFront adds (Via, X-Amz-Cf-Id, X-Forwarded-*), the path header and the origin secret.
 * The template loops over every header twice, so their number sets the render's cost (16 here, as the stack sees).
 */
function connectRequest(): VtlRequest {
  return {
    body: '',
    context: {
      connectionId: 'L0SM9cOFvHcCIhw=',
      requestId: 'L0SM9H_4vHcFqYw=',
      requestTimeEpoch: 1_764_000_000_123,
      connectedAt: 1_764_000_000_100,
      eventType: 'CONNECT',
      routeKey: '$connect',
      identity: { sourceIp: '203.0.113.7', userAgent: 'Amazon CloudFront' },
    },
    params: {
      path: {},
      querystring: { x: '1' },
      header: {
        Connection: 'Upgrade',
        Host: 'abcdef1234.execute-api.us-east-1.amazonaws.com',
        'Sec-WebSocket-Extensions': 'permessage-deflate; client_max_window_bits',
        'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version': '13',
        Upgrade: 'websocket',
        'User-Agent': 'Amazon CloudFront',
        Via: '1.1 d111111abcdef8.cloudfront.net (CloudFront)',
        'Ws-Uri': '/bench/path',
        'X-Amz-Cf-Id': 'R9GoNU2+BuZhCT9BSQ0Y15apNzGrdwOBglqFEKa9nTD69JFFFTRsrEPn',
        'X-Amzn-Trace-Id': 'Root=1-6b16ce4b-22e72e0adf7c8cb09d91b09d',
        'X-Forwarded-For': '203.0.113.7, 198.51.100.1',
        'X-Forwarded-Port': '443',
        'X-Forwarded-Proto': 'https',
        'X-Origin-Verify': 'local-OriginSecret',
      },
    },
    stageVariables: { originSecrets: 'local-OriginSecret' },
  };
}

/** Microseconds per render: the median of ROUNDS rounds of RENDERS renders, after one untimed round. */
function timePerRender(engine: VtlEngine, text: string, request: VtlRequest): number {
  const rounds: number[] = [];
  for (let round = 0; round <= ROUNDS; round += 1) {
    const start = performance.now();
    for (let i = 0; i < RENDERS; i += 1) engine.render(text, request);
    if (round > 0) rounds.push(((performance.now() - start) * 1000) / RENDERS);
  }
  return median(rounds);
}

export function benchVtlRender(file = 'template.yaml'): string[] {
  const request = connectRequest();
  const lines = [
    `VTL render, compiled vs velocityjs (${file}'s request templates, medians of ${ROUNDS} x ${RENDERS}):`,
  ];
  for (const { name, text } of requestTemplates(file)) {
    const compiled = createVtlEngine({ engine: 'compiled' });
    const interpreted = createVtlEngine({ engine: 'interpreted' });
    if (compiled.render(text, request) !== interpreted.render(text, request)) {
      throw new Error(`${name}: the compiled and velocityjs renders differ; see the differential tests`);
    }
    const fast = timePerRender(compiled, text, request);
    const reference = timePerRender(interpreted, text, request);
    lines.push(
      `  ${name}: compiled ${fast.toFixed(1)} µs, velocityjs ${reference.toFixed(1)} µs per render = ${(reference / fast).toFixed(1)}x faster`,
    );
  }
  return lines;
}
