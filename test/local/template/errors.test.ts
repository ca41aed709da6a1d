import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadLocalTemplate } from '../../../local/template/index.ts';
import { STACK, TEMPLATE_FILES, readTemplate, yamlTemplate } from './fixtures.ts';

describe('template errors', () => {
  it('lists resources of types it does not emulate instead of refusing the template, and what refers to them', () => {
    const text = yamlTemplate(
      [
        'Resources:',
        '  Queue:\n    Type: AWS::Kinesis::Stream',
        '  Topic:\n    Type: AWS::SNS::Topic',
        '  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: !Sub "${Queue}-logs"',
        'Outputs:',
        '  QueueArn:\n    Value: !GetAtt Queue.Arn',
        '  LogsName:\n    Value: !Ref Logs',
      ].join('\n'),
    );
    const template = loadLocalTemplate(text, { ...STACK, source: 'queue.yaml' });
    assert.deepEqual(template.notEmulated, [
      { logicalId: 'Queue', type: 'AWS::Kinesis::Stream' },
      { logicalId: 'Topic', type: 'AWS::SNS::Topic' },
    ]);
    assert.deepEqual([...template.resources.keys()], ['Logs']);
    assert.deepEqual(template.unresolvedOutputs, [
      { name: 'QueueArn', reason: 'refers to Queue (AWS::Kinesis::Stream), not emulated' },
    ]);
    assert.deepEqual(Object.keys(template.outputs), ['LogsName']);
    assert.deepEqual(template.warnings, [
      'Resources.Logs.Properties.LogGroupName.Fn::Sub: refers to Queue (AWS::Kinesis::Stream), which is not emulated; the local value is a stand-in',
    ]);
    assert.match(template.outputs['LogsName']!, /^ws-local-test-queue-[a-z0-9]{12}-logs$/);
  });

  it('validates the stack options, naming the option, value and rule', () => {
    const text = readTemplate(TEMPLATE_FILES.minimal);
    assert.throws(
      () => loadLocalTemplate(text, { ...STACK, accountId: '42' }),
      /loadLocalTemplate: invalid options:\n {2}accountId: "42" must be 12 digits/,
    );
    assert.throws(() => loadLocalTemplate(text, { ...STACK, stackName: '1bad' }), /stackName: "1bad" must be a letter/);
    assert.throws(
      () => loadLocalTemplate(text, { ...STACK, apiId: 'Has.Dots' }),
      /apiId: "Has\.Dots" must be lowercase letters and digits/,
    );
  });

  it('rejects DependsOn on a missing resource and an unsupported Transform', () => {
    const dependsOn = yamlTemplate('Resources:\n  G:\n    Type: AWS::Logs::LogGroup\n    DependsOn: Nope\n');
    assert.throws(
      () => loadLocalTemplate(dependsOn, STACK),
      /Resources\.G\.DependsOn: "Nope" is not a resource of this template/,
    );
    const transform = 'Transform: AWS::Include\nResources:\n  G:\n    Type: AWS::Logs::LogGroup\n';
    assert.throws(
      () => loadLocalTemplate(transform, STACK),
      /Transform: "AWS::Include" is not supported locally \(only AWS::Serverless-2016-10-31 and AWS::LanguageExtensions\)/,
    );
  });

  it('reports YAML problems with the source name', () => {
    assert.throws(() => loadLocalTemplate('Resources: [unclosed', { ...STACK, source: 'broken.yaml' }), /broken\.yaml/);
  });
});
