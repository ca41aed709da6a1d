import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadLocalTemplate, queueMappingsFromTemplate, queuesFromTemplate } from '../../../local/template/index.ts';
import { STACK, yamlTemplate } from './fixtures.ts';

const QUEUES = [
  'Resources:',
  '  Dead:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: dead-letters',
  '  Jobs:\n    Type: AWS::SQS::Queue\n    Properties:\n      FifoQueue: true\n      VisibilityTimeout: 60',
  '      RedrivePolicy:\n        deadLetterTargetArn: !GetAtt Dead.Arn\n        maxReceiveCount: 3',
  '  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      InlineCode: "exports.handler=async()=>{}"',
  '      Handler: index.handler\n      Runtime: nodejs22.x',
  '  Consumer:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      EventSourceArn: !GetAtt Jobs.Arn',
  '      FunctionName: !Ref Fn\n      BatchSize: 5\n      FunctionResponseTypes: [ReportBatchItemFailures]',
  'Outputs:\n  JobsUrl:\n    Value: !Ref Jobs',
].join('\n');

describe('queues and event source mappings from the template', () => {
  it('names queues as CloudFormation does and resolves Ref to the URL, GetAtt Arn to the ARN', () => {
    const template = loadLocalTemplate(yamlTemplate(QUEUES), STACK);
    const [dead, jobs] = queuesFromTemplate(template);
    assert.equal(dead?.name, 'dead-letters');
    assert.equal(dead?.url, 'https://sqs.eu-central-1.amazonaws.com/210987654321/dead-letters');
    assert.equal(dead?.arn, 'arn:aws:sqs:eu-central-1:210987654321:dead-letters');
    assert.match(jobs?.name ?? '', /^ws-local-test-Jobs-[A-Z0-9]{12}\.fifo$/);
    assert.equal(template.outputs['JobsUrl'], jobs?.url);
    assert.deepEqual(
      { fifo: jobs?.fifo, visibility: jobs?.visibilityTimeoutSeconds, retention: jobs?.messageRetentionSeconds },
      { fifo: true, visibility: 60, retention: 345_600 },
    );
    assert.deepEqual(jobs?.redrive, { deadLetterTargetArn: dead?.arn, maxReceiveCount: 3 });
    assert.deepEqual(queueMappingsFromTemplate(template), [
      {
        logicalId: 'Consumer',
        queueArn: jobs?.arn,
        functionName: 'ws-local-test-Fn',
        batchSize: 5,
        reportBatchItemFailures: true,
        enabled: true,
      },
    ]);
  });

  it('refuses a RedrivePolicy out of range or without a queue ARN, naming the field and value', () => {
    const bad = (policy: string) =>
      queuesFromTemplate(
        loadLocalTemplate(
          yamlTemplate(
            `Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      RedrivePolicy: '${policy}'`,
          ),
          STACK,
        ),
      );
    assert.throws(
      () => bad('{"deadLetterTargetArn":"arn:aws:sqs:eu-central-1:210987654321:d","maxReceiveCount":0}'),
      /Resources\.Q\.Properties\.RedrivePolicy\.maxReceiveCount: must be a whole number from 1 to 1000, got 0/,
    );
    assert.throws(() => bad('{"maxReceiveCount":2}'), /RedrivePolicy\.deadLetterTargetArn: must be a queue ARN/);
    assert.throws(() => bad('not json'), /RedrivePolicy: must be a mapping or JSON text, got "not json"/);
  });

  it('refuses an event source that is not an SQS queue', () => {
    const template = loadLocalTemplate(
      yamlTemplate(
        'Resources:\n  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n' +
          '      EventSourceArn: arn:aws:kinesis:eu-central-1:210987654321:stream/s\n      FunctionName: f',
      ),
      STACK,
    );
    assert.throws(() => queueMappingsFromTemplate(template), /EventSourceArn: only SQS queues are emulated/);
  });
});
