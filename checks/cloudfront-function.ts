import type { CfnTemplate } from '../cfn/types.ts';
import {
  type CloudFrontFunctionRuntime,
  compileViewerRequestFunction,
  functionSourceProblems,
  isCloudFrontFunctionRuntime,
  sampleViewerRequestEvent,
  type ViewerRequestOutcome,
} from '../lang/cloudfront-js/index.ts';
import type { Finding } from './finding.ts';

/**
 * Each CloudFront Function passes its runtime's gate (grammar, size quota, refused syntax: lang/cloudfront-js, the
 * same gate the local edge applies) and, run in the local edge's sandbox on a viewer-request event, moves the
 * viewer's path into a header that the distribution's origin request policy forwards, and sets the URI to `/`.
 * Any other header it adds must be forwarded too (e.g. the copy of `Authorization`).
 */
export function checkCloudFrontFunctions(template: CfnTemplate): Finding[] {
  const findings: Finding[] = [];
  const forwarded = forwardedHeaders(template);
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::CloudFront::Function') continue;
    const code = resource.Properties?.['FunctionCode'];
    const config = resource.Properties?.['FunctionConfig'] as { Runtime?: unknown } | undefined;
    const path = `Resources.${id}.Properties.FunctionCode`;
    const fail = (check: string, message: string) =>
      findings.push({ check: `cloudfront/${check}`, level: 'error', path, message });
    if (typeof code !== 'string') {
      fail('code', 'FunctionCode must be a literal string to be checked');
      continue;
    }
    const runtime = config?.Runtime;
    const problems = functionSourceProblems(code, runtime);
    for (const problem of problems) fail(problem.kind, problem.message);
    // CloudFront refuses to create such a function, so it never runs: nothing further to check.
    if (problems.length > 0 || !isCloudFrontFunctionRuntime(runtime)) continue;
    const uri = sampleUri(template);
    const outcome = runViewerRequest(code, runtime, uri);
    if (outcome.kind === 'error') {
      fail('runtime-error', `viewer-request run failed (${outcome.cause}): ${outcome.reason}`);
      continue;
    }
    if (outcome.kind === 'response') {
      fail('uri', `the function answers ${outcome.response.statusCode} to ${uri} instead of forwarding it`);
      continue;
    }
    const headers = outcome.request.headers;
    const moved = Object.entries(headers).find(([, header]) => header.value === uri);
    if (outcome.request.uri !== '/')
      fail('uri', `the function must set the URI to "/" (got ${JSON.stringify(outcome.request.uri)})`);
    if (!moved) fail('path-header', 'the viewer path is not carried in any header');
    else if (!forwarded.has(moved[0]))
      fail('path-header', `header "${moved[0]}" carries the path but the origin request policy does not forward it`);
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
const SAMPLE_HEADERS = {
  host: { value: 'd111111abcdef8.cloudfront.net' },
  authorization: { value: 'Basic Q1AwMDE6c2VjcmV0' },
};

/** The sample request path: one that names an identity when the stack declares an identity path pattern. */
function sampleUri(template: CfnTemplate): string {
  const pattern = template.Outputs?.['IdentityPathPattern']?.Value;
  return typeof pattern === 'string' ? pattern.replace(/\{[^}]*\}/, 'CP001') : SAMPLE_URI;
}

/** One run in the local edge's sandbox, as a viewer request reaches it: the outcome CloudFront would act on. */
function runViewerRequest(code: string, runtime: CloudFrontFunctionRuntime, uri: string): ViewerRequestOutcome {
  const event = sampleViewerRequestEvent(
    { uri, querystring: { my_query: { value: 'foo' } }, headers: structuredClone(SAMPLE_HEADERS) },
    'check',
  );
  try {
    return compileViewerRequestFunction(code, runtime).run(event);
  } catch (error) {
    // The gate passed, but V8 can still refuse the code (strict-mode rules such as `with` or duplicate parameters).
    return { kind: 'error', cause: 'execution', reason: (error as Error).message };
  }
}

/** Lower-cased header names every origin request policy in the template forwards. */
function forwardedHeaders(template: CfnTemplate): Set<string> {
  const names = new Set<string>();
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::CloudFront::OriginRequestPolicy') continue;
    const config = resource.Properties?.['OriginRequestPolicyConfig'] as
      | { HeadersConfig?: { Headers?: unknown } }
      | undefined;
    const headers = config?.HeadersConfig?.Headers;
    if (Array.isArray(headers)) for (const h of headers) if (typeof h === 'string') names.add(h.toLowerCase());
  }
  return names;
}
