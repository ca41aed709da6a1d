import { parse, type Node } from 'acorn';
import vm from 'node:vm';
import type { CfnTemplate } from '../cfn/types.ts';
import type { Finding } from './finding.ts';

/** CloudFront Functions quota: 10 KB of code. */
const MAX_CODE_BYTES = 10 * 1024;
const ECMA_VERSION = { 'cloudfront-js-1.0': 2019, 'cloudfront-js-2.0': 2021 } as const;

/**
 * Each CloudFront Function parses under its runtime's language rules (no `const`/`let` on 1.0),
 * fits the size quota, and, run in node:vm on a viewer-request event, moves the viewer's path
 * into a header that the distribution's origin request policy forwards, and sets the URI to `/`.
 * Any other header it adds must be forwarded too (e.g. the copy of `Authorization`).
 */
export function checkCloudFrontFunctions(template: CfnTemplate): Finding[] {
  const findings: Finding[] = [];
  const forwarded = forwardedHeaders(template);
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::CloudFront::Function') continue;
    const code = resource.Properties?.['FunctionCode'];
    const config = resource.Properties?.['FunctionConfig'] as { Runtime?: unknown } | undefined;
    const runtime = typeof config?.Runtime === 'string' ? config.Runtime : '';
    const path = `Resources.${id}.Properties.FunctionCode`;
    const fail = (check: string, message: string) => findings.push({ check: `cloudfront/${check}`, level: 'error', path, message });
    if (typeof code !== 'string') { fail('code', 'FunctionCode must be a literal string to be checked'); continue; }
    if (!(runtime in ECMA_VERSION)) { fail('runtime', `unknown runtime ${JSON.stringify(runtime)}`); continue; }
    if (Buffer.byteLength(code) > MAX_CODE_BYTES) fail('size', `code is ${Buffer.byteLength(code)} bytes; the quota is ${MAX_CODE_BYTES}`);
    let program: Node;
    try {
      program = parse(code, { ecmaVersion: ECMA_VERSION[runtime as keyof typeof ECMA_VERSION], sourceType: 'script' });
    } catch (error) {
      fail('syntax', `does not parse for ${runtime}: ${(error as Error).message}`);
      continue;
    }
    if (runtime === 'cloudfront-js-1.0') {
      for (const kind of blockScopedDeclarations(program)) fail('syntax', `"${kind}" is not available on cloudfront-js-1.0; use var`);
    }
    const uri = sampleUri(template);
    const outcome = runViewerRequest(code, uri);
    if ('error' in outcome) { fail('runtime-error', outcome.error); continue; }
    if (outcome.statusCode !== undefined) { fail('uri', `the function answers ${JSON.stringify(outcome.statusCode)} to ${uri} instead of forwarding it`); continue; }
    const headers = outcome.headers ?? {};
    const moved = Object.entries(headers).find(([, header]) => header.value === uri);
    if (outcome.uri !== '/') fail('uri', `the function must set the URI to "/" (got ${JSON.stringify(outcome.uri)})`);
    if (!moved) fail('path-header', 'the viewer path is not carried in any header');
    else if (!forwarded.has(moved[0])) fail('path-header', `header "${moved[0]}" carries the path but the origin request policy does not forward it`);
    for (const name of Object.keys(headers)) {
      if (name !== moved?.[0] && !(name in SAMPLE_HEADERS) && !forwarded.has(name)) {
        fail('added-header', `the function adds header "${name}" but the origin request policy does not forward it`);
      }
    }
  }
  return findings;
}

const SAMPLE_URI = '/this/is/my/custom/path/';
/** What the viewer sends; a header the function adds beyond these must reach the origin. */
const SAMPLE_HEADERS = { host: { value: 'd111111abcdef8.cloudfront.net' }, authorization: { value: 'Basic Q1AwMDE6c2VjcmV0' } };

/** The sample request path: one that names an identity when the stack declares an identity path pattern. */
function sampleUri(template: CfnTemplate): string {
  const pattern = template.Outputs?.['IdentityPathPattern']?.Value;
  return typeof pattern === 'string' ? pattern.replace(/\{[^}]*\}/, 'CP001') : SAMPLE_URI;
}

interface ViewerOutcome { uri?: unknown; headers?: Record<string, { value?: unknown }>; statusCode?: unknown }

function runViewerRequest(code: string, uri: string): ViewerOutcome | { error: string } {
  const event = {
    version: '1.0',
    context: { distributionDomainName: 'd111111abcdef8.cloudfront.net', distributionId: 'EDFDVBD6EXAMPLE', eventType: 'viewer-request', requestId: 'check' },
    viewer: { ip: '198.51.100.11' },
    request: { method: 'GET', uri, querystring: { my_query: { value: 'foo' } }, headers: SAMPLE_HEADERS, cookies: {} },
  };
  try {
    // No require, timers or process, like the CloudFront runtime; code generation disabled.
    const context = vm.createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false } });
    const handler = vm.runInContext(`${code}\n;handler`, context, { timeout: 50 }) as unknown;
    if (typeof handler !== 'function') return { error: 'the code defines no function named handler' };
    context['__event'] = JSON.parse(JSON.stringify(event));
    const result = vm.runInContext('JSON.stringify(handler(__event))', context, { timeout: 50 }) as string;
    return JSON.parse(result) as ViewerOutcome;
  } catch (error) {
    return { error: `viewer-request run failed: ${(error as Error).message}` };
  }
}

function blockScopedDeclarations(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((child) => blockScopedDeclarations(child, found));
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record['type'] === 'VariableDeclaration' && record['kind'] !== 'var') found.push(String(record['kind']));
    for (const [key, child] of Object.entries(record)) if (key !== 'type') blockScopedDeclarations(child, found);
  }
  return found;
}

/** Lower-cased header names every origin request policy in the template forwards. */
function forwardedHeaders(template: CfnTemplate): Set<string> {
  const names = new Set<string>();
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::CloudFront::OriginRequestPolicy') continue;
    const config = resource.Properties?.['OriginRequestPolicyConfig'] as { HeadersConfig?: { Headers?: unknown } } | undefined;
    const headers = config?.HeadersConfig?.Headers;
    if (Array.isArray(headers)) headers.forEach((h) => typeof h === 'string' && names.add(h.toLowerCase()));
  }
  return names;
}
