/**
 * One identity, verified once: the same table of hostile paths through the three places that decide which connection
 * a path names: the generated CloudFront Function (in the local edge's sandbox, both runtimes), the generated VTL
 * `$connect` (the local API Gateway VTL engine) and the TypeScript matcher authorizers and the Lambda `$connect` import
 * (handlers/lib/identity-path.ts). Same verdicts, same decoded identity.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CfnTemplate } from '../../cfn/types.ts';
import { parseConfig } from '../../generator/config/index.ts';
import { generateTemplate, type ResolvedHandler } from '../../generator/index.ts';
import { identityMatcher } from '../../handlers/lib/identity-path.ts';
import {
  type CloudFrontFunctionRuntime,
  compileViewerRequestFunction,
  sampleViewerRequestEvent,
} from '../../lang/cloudfront-js/index.ts';
import { createVtlEngine } from '../../lang/vtl/index.ts';
import { connectRequest, requestTemplate, resource } from '../generator/template-fixture.ts';

const PATTERN = '/ocpp/{chargePointId}';

/** Path → the identity it names, or null when every matcher must refuse it. */
const PATHS: ReadonlyArray<[path: string, identity: string | null]> = [
  ['/ocpp/CP001', 'CP001'],
  ['/ocpp/CP002/CP001', null], // finding 1: an extra segment
  ['/ocpp//CP001', null],
  ['/ocpp/CP001/', null],
  ['/ocpp/', null],
  ['/ocpp', null],
  ['/', null],
  ['', null],
  ['/OCPP/CP001', null],
  ['/x/ocpp/CP001', null],
  ['/ocpp/.', null],
  ['/ocpp/..', null],
  ['/ocpp/%2e', null],
  ['/ocpp/%2E%2e', null],
  ['/ocpp/.%2E', null],
  ['/ocpp/...', '...'],
  ['/ocpp/.hidden', '.hidden'],
  ['/ocpp/CP%2F001', null], // an encoded slash
  ['/ocpp/CP%2f001', null],
  ['/ocpp/CP%5C001', null], // an encoded backslash
  ['/ocpp/%2e%2e%2fCP001', null],
  ['/ocpp/CP%00', null],
  ['/ocpp/CP%0A1', null],
  ['/ocpp/CP%7F', null],
  ['/ocpp/CP%C2%85', null], // a C1 control character (NEL)
  ['/ocpp/CP%C3', null], // truncated UTF-8
  ['/ocpp/CP%C3%28', null],
  ['/ocpp/%C0%AF', null], // an overlong slash
  ['/ocpp/%E0%80%AF', null],
  ['/ocpp/%ED%A0%80', null], // a UTF-16 surrogate
  ['/ocpp/%F4%90%80%80', null], // past U+10FFFF
  ['/ocpp/%FF', null],
  ['/ocpp/CP%', null],
  ['/ocpp/CP%G0', null],
  ['/ocpp/CP 001', null], // raw space
  ['/ocpp/CP\u00e9', null], // raw non-ASCII
  ['/ocpp/CP\n001', null],
  ['/ocpp/a{b}', null],
  ['/ocpp/a#b', null],
  ['/ocpp/a?b', null],
  ['/ocpp/a"b', null],
  ['/ocpp/a<b>', null],
  ['/ocpp/a\\b', null],
  ['/ocpp/CP%20001', 'CP 001'],
  ['/ocpp/CP%C3%A9', 'CPé'],
  ['/ocpp/%F0%9F%98%80', '😀'],
  ['/ocpp/%E2%80%A8', '\u2028'],
  ['/ocpp/CP%25', 'CP%'],
  ['/ocpp/CP%252F', 'CP%2F'], // decoded once
  ['/ocpp/a+b', 'a+b'], // `+` is not a space
  ['/ocpp/a%2Bb', 'a+b'],
  ["/ocpp/a'b$c!(*)~,;=:@&-_.", "a'b$c!(*)~,;=:@&-_."],
  [`/ocpp/${'A'.repeat(256)}`, 'A'.repeat(256)],
  [`/ocpp/${'A'.repeat(257)}`, null],
  [`/ocpp/${'%C3%A9'.repeat(256)}`, 'é'.repeat(256)],
];

const handler: ResolvedHandler = { codeUri: 'handlers/', entryPoint: 'x.ts', handler: 'x.handler' };

function generate(runtime: CloudFrontFunctionRuntime): CfnTemplate {
  const config = parseConfig({
    routes: { $default: { integration: 'lambda', handler: 'd.ts' } },
    sessions: { identity: { pathPattern: PATTERN } },
    edge: { runtime },
  });
  const handlers = new Map([
    ['$default', handler],
    ['$sendToIdentity', handler],
  ]);
  return JSON.parse(JSON.stringify(generateTemplate(config, { handlers }))) as CfnTemplate;
}

/** The edge's verdict: the path it forwards in the path header, or its 404. */
function edgeVerdict(runtime: CloudFrontFunctionRuntime): (path: string) => 'forwarded' | 'refused' {
  const compiled = compileViewerRequestFunction(
    resource(generate(runtime), 'UriRewriteFunction').Properties!['FunctionCode'] as string,
    runtime,
  );
  return (path) => {
    const outcome = compiled.run(sampleViewerRequestEvent({ uri: path }));
    if (outcome.kind === 'response' && outcome.response.statusCode === 404) return 'refused';
    if (outcome.kind === 'request' && outcome.request.headers['ws-uri']?.value === path && outcome.request.uri === '/')
      return 'forwarded';
    throw new Error(`${JSON.stringify(path)}: unexpected edge outcome ${JSON.stringify(outcome)}`);
  };
}

/** The VTL `$connect`'s verdict: the identity it stores, or its refusal. */
function vtlVerdict(): (path: string) => string | null {
  const vtl = requestTemplate(generate('cloudfront-js-2.0'), 'ConnectIntegration', { SessionsTable: 'T' });
  const engine = createVtlEngine();
  return (path) => {
    const request = JSON.parse(engine.render(vtl, connectRequest({ header: { 'ws-uri': path } }))) as {
      Item: Record<string, { S?: string }>;
    };
    if (request.Item['refused'] !== undefined) {
      assert.equal(request.Item['refused'].S, 'path outside the identity pattern', path);
      return null;
    }
    return request.Item['chargePointId']?.S ?? assert.fail(`${JSON.stringify(path)}: a record without the identity`);
  };
}

describe(`one identity matcher for ${PATTERN}: CloudFront Function, VTL $connect and the TypeScript helper agree`, () => {
  const typescript = identityMatcher(PATTERN);
  const edges = {
    'cloudfront-js-1.0': edgeVerdict('cloudfront-js-1.0'),
    'cloudfront-js-2.0': edgeVerdict('cloudfront-js-2.0'),
  };
  const vtl = vtlVerdict();

  for (const [path, identity] of PATHS) {
    it(`${JSON.stringify(path.length > 60 ? `${path.slice(0, 57)}...` : path)} → ${identity === null ? 'refused' : JSON.stringify(identity.slice(0, 20))}`, () => {
      const match = typescript(path);
      assert.deepEqual(match.ok ? match.identity : null, identity, 'TypeScript helper');
      for (const [runtime, edge] of Object.entries(edges))
        assert.equal(edge(path), identity === null ? 'refused' : 'forwarded', runtime);
      // Header values cannot hold raw line breaks; the edge and the helper see the path, the VTL sees the header.
      if (!/[\r\n]/.test(path)) assert.equal(vtl(path), identity, 'VTL $connect');
    });
  }
});
