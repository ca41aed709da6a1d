import { isDeepStrictEqual } from 'node:util';
import type { CfnTemplate, CfnValue } from '../cfn/types.ts';
import { createVtlEngine, type VtlEngine, type VtlRequest } from '../lang/vtl/index.ts';
import type { Finding } from './finding.ts';
import { HOSTILE_HEADER_NAMES, HOSTILE_QUERY_KEYS, HOSTILE_STRINGS } from './hostile-input.ts';

/**
 * Every request template of every integration parses, and renders valid JSON for hostile client
 * input, without letting that input add or remove fields (compared with a benign render), and
 * stores hostile header and query values byte for byte where it stores them as maps.
 */
export function checkVtlTemplates(template: CfnTemplate, engine: VtlEngine = createVtlEngine()): Finding[] {
  const findings: Finding[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::ApiGatewayV2::Integration') continue;
    const templates = resource.Properties?.['RequestTemplates'];
    if (!templates || typeof templates !== 'object' || Array.isArray(templates)) continue;
    for (const [key, value] of Object.entries(templates)) {
      const path = `Resources.${id}.Properties.RequestTemplates.${key}`;
      const text = substitutePlaceholders(value);
      if (text === undefined) continue;
      findings.push(...checkOne(engine, text, path));
    }
  }
  return findings;
}

function checkOne(engine: VtlEngine, text: string, path: string): Finding[] {
  const fail = (check: string, message: string): Finding[] => [
    { check: `vtl/${check}`, level: 'error', path, message },
  ];
  let baseline: unknown;
  try {
    baseline = JSON.parse(engine.render(text, benignRequest()));
  } catch (error) {
    return fail('render', `benign input does not render valid JSON: ${(error as Error).message}`);
  }
  for (const hostile of HOSTILE_STRINGS) {
    const request = hostileRequest(hostile);
    let rendered = '';
    let parsed: unknown;
    try {
      rendered = engine.render(text, request);
      parsed = JSON.parse(rendered);
    } catch (error) {
      return fail(
        'hostile-input',
        `input ${JSON.stringify(hostile)} breaks the JSON: ${(error as Error).message}\n${rendered.slice(0, 400)}`,
      );
    }
    if (!isDeepStrictEqual(shape(parsed), shape(baseline))) {
      return fail('injection', `input ${JSON.stringify(hostile)} changes the fields of the rendered JSON`);
    }
    const lost = lostMapValues(parsed, request);
    if (lost) return fail('round-trip', `input ${JSON.stringify(hostile)}: ${lost}`);
  }
  return [];
}

/** `${X}` → a stand-in value; `${!x}` → literal `${x}`, as CloudFormation's Fn::Sub does. */
export function substitutePlaceholders(value: CfnValue): string | undefined {
  const source =
    typeof value === 'string'
      ? value
      : value && typeof value === 'object' && !Array.isArray(value) && 'Fn::Sub' in value
        ? Array.isArray(value['Fn::Sub'])
          ? value['Fn::Sub'][0]
          : value['Fn::Sub']
        : undefined;
  if (typeof source !== 'string') return undefined;
  return source.replace(/\$\{(!?)([^}]*)\}/g, (_m, bang: string, name: string) =>
    bang ? `\${${name}}` : `local-${name.replace(/\W/g, '-')}`,
  );
}

/** The `$context` the checks render templates with (a `$connect` by default); the VTL differential tests start from it. */
export function sampleContext(eventType = 'CONNECT', routeKey = '$connect'): Record<string, unknown> {
  return {
    connectionId: 'L0SM9cOFvHcCIhw=',
    requestId: 'L0SM9H_4vHcFqYw=',
    extendedRequestId: 'L0SM9H_4vHcFqYw=',
    messageId: 'L0SNoc8CvHcCFxw=',
    requestTimeEpoch: 1_764_000_000_123,
    connectedAt: 1_764_000_000_100,
    eventType,
    routeKey,
    stage: 'api',
    apiId: 'abcdef1234',
    domainName: 'abcdef1234.execute-api.us-east-1.amazonaws.com',
    identity: { sourceIp: '203.0.113.7' },
  };
}

function benignRequest(): VtlRequest {
  return {
    body: JSON.stringify({ action: 'sync_sfn', data: 'benign' }),
    context: sampleContext(),
    params: { path: {}, querystring: { plain: 'value' }, header: { Host: 'example.com', 'Ws-Uri': '/ocpp/CP001' } },
    stageVariables: {},
  };
}

function hostileRequest(value: string): VtlRequest {
  const header: Record<string, string> = { Host: 'example.com', 'Ws-Uri': `/ocpp/${value}-id` };
  for (const name of HOSTILE_HEADER_NAMES) header[name] = value;
  const querystring: Record<string, string> = { plain: value };
  for (const key of HOSTILE_QUERY_KEYS) querystring[key] = value;
  return {
    body: JSON.stringify({ action: 'sync_sfn', data: { text: value, list: [value, 1, null, true] } }),
    context: { ...sampleContext(), identity: { sourceIp: value } },
    params: { path: {}, querystring, header },
    stageVariables: {},
  };
}

/** The structure of a value: object keys (recursively) but not the values, except inside DynamoDB maps. */
function shape(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return ['array'];
  if (value && typeof value === 'object') {
    // The keys of a DynamoDB map come from the client: count is compared, not names.
    if (key === 'M') return { map: true };
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [k, shape(v, k)])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  }
  return typeof value;
}

/** Where a template stores headers or the query string as a DynamoDB map, every entry must round-trip. */
function lostMapValues(parsed: unknown, request: VtlRequest): string | undefined {
  const item = (parsed as { Item?: Record<string, { M?: Record<string, { S?: string }> }> }).Item;
  if (!item) return undefined;
  for (const [attribute, source] of [
    ['headers', request.params.header],
    ['querystring', request.params.querystring],
  ] as const) {
    const map = item[attribute]?.M;
    if (!map) continue;
    const stored = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, v.S]));
    if (!isDeepStrictEqual(stored, source)) return `${attribute} map does not round-trip the request's values`;
  }
  return undefined;
}
