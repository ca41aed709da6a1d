import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TemplateError, loadLocalTemplate } from '../../../local/template/index.ts';
import { STACK, TEMPLATE_FILES, readTemplate, yamlTemplate } from './fixtures.ts';

describe('template errors', () => {
  it('rejects an unknown resource type, naming the resource and the type', () => {
    const text = yamlTemplate('Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n');
    assert.throws(
      () => loadLocalTemplate(text, { ...STACK, source: 'queue.yaml' }),
      (error: unknown) => {
        assert.ok(error instanceof TemplateError);
        assert.match(error.message, /^queue\.yaml: Resources\.Queue: resource type AWS::SQS::Queue is not supported by the local stack \(supported: AWS::ApiGatewayV2::Api, /);
        return true;
      },
    );
  });

  it('validates the stack options, naming the option, value and rule', () => {
    const text = readTemplate(TEMPLATE_FILES.minimal);
    assert.throws(() => loadLocalTemplate(text, { ...STACK, accountId: '42' }), /loadLocalTemplate: invalid options:\n {2}accountId: "42" must be 12 digits/);
    assert.throws(() => loadLocalTemplate(text, { ...STACK, stackName: '1bad' }), /stackName: "1bad" must be a letter/);
    assert.throws(() => loadLocalTemplate(text, { ...STACK, apiId: 'Has.Dots' }), /apiId: "Has\.Dots" must be lowercase letters and digits/);
  });

  it('rejects DependsOn on a missing resource and an unsupported Transform', () => {
    const dependsOn = yamlTemplate('Resources:\n  G:\n    Type: AWS::Logs::LogGroup\n    DependsOn: Nope\n');
    assert.throws(() => loadLocalTemplate(dependsOn, STACK), /Resources\.G\.DependsOn: "Nope" is not a resource of this template/);
    const transform = 'Transform: AWS::LanguageExtensions\nResources:\n  G:\n    Type: AWS::Logs::LogGroup\n';
    assert.throws(() => loadLocalTemplate(transform, STACK), /Transform: "AWS::LanguageExtensions" is not supported locally/);
  });

  it('reports YAML problems with the source name', () => {
    assert.throws(() => loadLocalTemplate('Resources: [unclosed', { ...STACK, source: 'broken.yaml' }), /broken\.yaml/);
  });
});
