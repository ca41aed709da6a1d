import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CfnObject, CfnTemplate } from '../../cfn/types.ts';
import { checkCloudFrontFunctions } from '../../checks/cloudfront-function.ts';
import { checkStateMachines } from '../../checks/state-machines.ts';
import { checkVtlTemplates } from '../../checks/vtl-templates.ts';
import { goldenTemplate } from '../generator/template-fixture.ts';

const golden = goldenTemplate('template.yaml');
const fresh = (): CfnTemplate => structuredClone(golden);
const props = (template: CfnTemplate, id: string): CfnObject => template.Resources[id]!.Properties!;

describe('artifact checks catch broken VTL, state machines and CloudFront Functions', () => {
  it('passes the golden template', () => {
    assert.deepEqual(
      [...checkVtlTemplates(golden), ...checkStateMachines(golden), ...checkCloudFrontFunctions(golden)],
      [],
    );
  });

  it('flags the sample-style header splice that hostile input breaks', () => {
    const template = fresh();
    props(template, 'ConnectIntegration')['RequestTemplates'] = {
      $default: {
        'Fn::Sub':
          '{"TableName": "${SessionsTable}", "Item": {"connectionid": {"S": "$context.connectionId"}, "headers": {"S": "$input.params().get(\'header\')"}}}',
      },
    };
    const findings = checkVtlTemplates(template);
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.check, 'vtl/hostile-input');
    assert.match(findings[0]!.message, /^input "He said \\"hi\\"" breaks the JSON/);
  });

  it('flags a template whose output is not JSON even for benign input', () => {
    const template = fresh();
    props(template, 'DisconnectIntegration')['RequestTemplates'] = {
      $default: { 'Fn::Sub': '{"Key": $context.connectionId}' },
    };
    const [finding] = checkVtlTemplates(template);
    assert.equal(finding!.check, 'vtl/render');
    assert.equal(finding!.path, 'Resources.DisconnectIntegration.Properties.RequestTemplates.$default');
  });

  it('flags an invalid state machine and a placeholder without a substitution', () => {
    const template = fresh();
    const definition = props(template, 'AsyncSfnStateMachine')['Definition'] as { States: Record<string, CfnObject> };
    definition.States['Wait']!['Next'] = 'Nowhere';
    delete (props(template, 'AsyncSfnStateMachine')['DefinitionSubstitutions'] as CfnObject)['Stage'];
    const checks = checkStateMachines(template).map((f) => `${f.check}: ${f.message}`);
    assert.ok(
      checks.some((line) => line.startsWith('asl/invalid: ') && line.includes('Nowhere')),
      checks.join('\n'),
    );
    assert.ok(
      checks.includes('asl/missing-substitution: placeholder ${Stage} has no DefinitionSubstitutions entry'),
      checks.join('\n'),
    );
  });

  it('flags const on cloudfront-js-1.0 by the runtime gate the local edge applies, and does not run the function', () => {
    const template = fresh();
    (props(template, 'UriRewriteFunction')['FunctionConfig'] as CfnObject)['Runtime'] = 'cloudfront-js-1.0';
    props(template, 'UriRewriteFunction')['FunctionCode'] =
      "const H = 'x-path';\nfunction handler(event) { event.request.headers[H] = { value: event.request.uri }; event.request.uri = '/'; return event.request; }";
    assert.deepEqual(
      checkCloudFrontFunctions(template).map((f) => `${f.check}: ${f.message}`),
      [
        "cloudfront/syntax: cloudfront-js-1.0 does not allow 'const' (use var, or runtime cloudfront-js-2.0) at line 1, column 1",
      ],
    );
  });

  it('flags a path header the policy does not forward', () => {
    const template = fresh();
    props(template, 'UriRewriteFunction')['FunctionCode'] =
      "var H = 'x-path';\nfunction handler(event) { event.request.headers[H] = { value: event.request.uri }; event.request.uri = '/'; return event.request; }";
    assert.deepEqual(
      checkCloudFrontFunctions(template).map((f) => f.message),
      ['header "x-path" carries the path but the origin request policy does not forward it'],
    );
  });

  it('flags a result CloudFront rejects (a disallowed header), as the local edge answers it', () => {
    const template = fresh();
    props(template, 'UriRewriteFunction')['FunctionCode'] =
      "function handler(event) { event.request.headers['ws-uri'] = { value: event.request.uri }; event.request.headers['x-amz-cf-id'] = { value: 'x' }; event.request.uri = '/'; return event.request; }";
    const [finding] = checkCloudFrontFunctions(template);
    assert.equal(finding!.check, 'cloudfront/runtime-error');
    assert.match(finding!.message, /\(validation\): request\.headers\['x-amz-cf-id'\] is a disallowed header/);
  });

  it('flags a function that leaves the URI alone, and one that never returns', () => {
    const template = fresh();
    props(template, 'UriRewriteFunction')['FunctionCode'] = 'function handler(event) { return event.request; }';
    assert.deepEqual(
      checkCloudFrontFunctions(template).map((f) => f.message),
      [
        'the function must set the URI to "/" (got "/this/is/my/custom/path/")',
        'the viewer path is not carried in any header',
      ],
    );
    props(template, 'UriRewriteFunction')['FunctionCode'] = 'function handler(event) { while (true) {} }';
    const [timeout] = checkCloudFrontFunctions(template);
    assert.equal(timeout!.check, 'cloudfront/runtime-error');
    assert.match(timeout!.message, /exceeded its CPU budget/);
  });
});
