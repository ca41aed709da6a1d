import { ref, type CfnObject, type CfnResource, type CfnValue } from '../../cfn/types.ts';
import type { Visitor } from '../context.ts';
import { LOGICAL_IDS } from '../naming.ts';

type Dimensions = Array<{ Name: string; Value: CfnValue }>;

export const apiDimensions = (): Dimensions => [
  { Name: 'ApiId', Value: ref(LOGICAL_IDS.api) },
  { Name: 'Stage', Value: ref(LOGICAL_IDS.stageParameter) },
];

/** The stack's functions and state machines, in template order: what the alarms and the dashboard watch. */
export function watchedResources(resources: Record<string, CfnResource>) {
  const ofType = (type: string) =>
    Object.entries(resources)
      .filter(([, resource]) => resource.Type === type)
      .map(([id]) => id);
  return { functions: ofType('AWS::Serverless::Function'), stateMachines: ofType('AWS::Serverless::StateMachine') };
}

/**
 * Alarms that say nothing about a release: ConnectCount below a minimum treats missing data as breaching, so a quiet
 * environment (a fresh dev stack no client uses) is in ALARM whatever was deployed.
 */
const NOT_RELEASE_GATES = new Set(['ConnectCountAlarm']);

/** The stack's alarms that gate promotion (the deploy workflow's release gate), in template order. */
export function releaseGateAlarmIds(resources: Record<string, CfnResource>): string[] {
  return Object.entries(resources)
    .filter(([id, resource]) => resource.Type === 'AWS::CloudWatch::Alarm' && !NOT_RELEASE_GATES.has(id))
    .map(([id]) => id);
}

/**
 * CloudWatch alarms on what breaks a WebSocket backend, each notifying the topic (created, or given by ARN) when it
 * fires and when it clears. A threshold of 0 leaves that alarm out. Runs after every visitor that adds functions.
 */
export const alarmsVisitor: Visitor = (template, { config }) => {
  const { alarms } = config;
  if (alarms === undefined) return;
  const resources = template.Resources;
  if (alarms.topicArn === undefined) {
    resources[LOGICAL_IDS.alarmTopic] = {
      Type: 'AWS::SNS::Topic',
      Properties: {
        DisplayName: 'WebSocket API alarms',
        ...(alarms.emails.length > 0
          ? { Subscription: alarms.emails.map((address) => ({ Protocol: 'email', Endpoint: address })) }
          : {}),
      },
    };
  }
  const topic: CfnValue = alarms.topicArn ?? ref(LOGICAL_IDS.alarmTopic);
  const add = (id: string, threshold: number, properties: CfnObject) => {
    if (threshold === 0) return;
    resources[id] = {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: { ...properties, Threshold: threshold, AlarmActions: [topic], OKActions: [topic] },
    };
  };
  const period = alarms.periodSeconds;
  /** When the alarm fires: most fire on one period past the threshold and stay quiet without data. */
  const firesWhen = (comparison: string, evaluationPeriods = 1, treatMissingData = 'notBreaching') => ({
    ComparisonOperator: comparison,
    EvaluationPeriods: evaluationPeriods,
    TreatMissingData: treatMissingData,
  });
  const metric = (namespace: string, name: string, dimensions: Dimensions, statistic: string) => ({
    Namespace: namespace,
    MetricName: name,
    Dimensions: dimensions,
    Statistic: statistic,
    Period: period,
  });
  add('ConnectCountAlarm', alarms.minConnects, {
    AlarmDescription: 'Handshakes dropped below the expected minimum (clients cannot connect, or stopped trying)',
    ...metric('AWS/ApiGateway', 'ConnectCount', apiDimensions(), 'Sum'),
    ...firesWhen('LessThanThreshold', 3, 'breaching'),
  });
  for (const [name, threshold] of [
    ['IntegrationError', alarms.integrationErrorPercent],
    ['ExecutionError', alarms.executionErrorPercent],
    ['ClientError', alarms.clientErrorPercent],
  ] as const) {
    add(`${name}RateAlarm`, threshold, {
      AlarmDescription: `${name} in more than the given percent of handshakes and messages`,
      Metrics: errorRateMetrics(name, period),
      ...firesWhen('GreaterThanThreshold'),
    });
  }
  add('IntegrationLatencyAlarm', alarms.integrationLatencyMs, {
    AlarmDescription: "An integration ran close to API Gateway's 29 s limit",
    ...metric('AWS/ApiGateway', 'IntegrationLatency', apiDimensions(), 'Maximum'),
    ...firesWhen('GreaterThanThreshold'),
  });
  const { functions, stateMachines } = watchedResources(resources);
  for (const id of functions) {
    for (const [name, threshold] of [
      ['Errors', alarms.lambdaErrors],
      ['Throttles', alarms.lambdaThrottles],
    ] as const) {
      add(`${id}${name}Alarm`, threshold, {
        AlarmDescription: `Lambda ${name.toLowerCase()} of ${id}`,
        ...metric('AWS/Lambda', name, [{ Name: 'FunctionName', Value: ref(id) }], 'Sum'),
        ...firesWhen('GreaterThanOrEqualToThreshold'),
      });
    }
  }
  for (const id of stateMachines) {
    add(`${id}FailedAlarm`, alarms.failedExecutions, {
      AlarmDescription: `Failed executions of ${id}`,
      ...metric('AWS/States', 'ExecutionsFailed', [{ Name: 'StateMachineArn', Value: ref(id) }], 'Sum'),
      ...firesWhen('GreaterThanOrEqualToThreshold'),
    });
  }
  add('SessionsThrottleAlarm', alarms.dynamoDbThrottles, {
    AlarmDescription: 'Throttled reads and writes on the sessions table',
    Metrics: sessionsThrottleMetrics(period),
    ...firesWhen('GreaterThanOrEqualToThreshold'),
  });
};

/** Percent of handshakes and messages ending in `name`; 0 in a period without traffic. */
function errorRateMetrics(name: string, period: number): CfnObject[] {
  const stat = (id: string, metricName: string) => sumOf(id, 'AWS/ApiGateway', metricName, apiDimensions(), period);
  const total = '(FILL(connects, 0) + FILL(messages, 0))';
  return [
    stat('errors', name),
    stat('connects', 'ConnectCount'),
    stat('messages', 'MessageCount'),
    {
      Id: 'percent',
      Label: `${name} percent`,
      ReturnData: true,
      Expression: `IF(${total} > 0, 100 * FILL(errors, 0) / ${total}, 0)`,
    },
  ];
}

function sessionsThrottleMetrics(period: number): CfnObject[] {
  const table = [{ Name: 'TableName', Value: ref(LOGICAL_IDS.sessionsTable) }];
  const stat = (id: string, metricName: string) => sumOf(id, 'AWS/DynamoDB', metricName, table, period);
  return [
    stat('reads', 'ReadThrottleEvents'),
    stat('writes', 'WriteThrottleEvents'),
    { Id: 'throttles', Label: 'Throttle events', ReturnData: true, Expression: 'FILL(reads, 0) + FILL(writes, 0)' },
  ];
}

/** One metric's sum per period, an input of a metric-math expression (not itself shown: ReturnData false). */
function sumOf(id: string, namespace: string, metricName: string, dimensions: Dimensions, period: number): CfnObject {
  return {
    Id: id,
    ReturnData: false,
    MetricStat: {
      Metric: { Namespace: namespace, MetricName: metricName, Dimensions: dimensions },
      Period: period,
      Stat: 'Sum',
    },
  };
}
