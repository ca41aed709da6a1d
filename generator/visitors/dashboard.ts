import { sub } from '../../cfn/types.ts';
import type { Visitor } from '../context.ts';
import { dashboardName, LOGICAL_IDS } from '../naming.ts';
import { watchedResources } from './alarms.ts';

type Metric = string[];

/**
 * One CloudWatch dashboard with the metrics the alarms watch, created with the alarms. The body is JSON inside
 * `Fn::Sub`: only logical ids and pseudo parameters appear as `${...}`, never config text.
 */
export const dashboardVisitor: Visitor = (template, { config }) => {
  if (config.alarms === undefined) return;
  const api = (name: string): Metric => [
    'AWS/ApiGateway',
    name,
    'ApiId',
    `\${${LOGICAL_IDS.api}}`,
    'Stage',
    `\${${LOGICAL_IDS.stageParameter}}`,
  ];
  const { functions, stateMachines } = watchedResources(template.Resources);
  const widgets: Array<{ title: string; metrics: Metric[]; stat: string; region?: string }> = [
    { title: 'Handshakes and messages', metrics: [api('ConnectCount'), api('MessageCount')], stat: 'Sum' },
    { title: 'Errors', metrics: [api('IntegrationError'), api('ExecutionError'), api('ClientError')], stat: 'Sum' },
    { title: 'Integration latency (limit 29 s)', metrics: [api('IntegrationLatency')], stat: 'Maximum' },
  ];
  if (functions.length > 0) {
    widgets.push({
      title: 'Lambda errors and throttles',
      stat: 'Sum',
      metrics: functions.flatMap((id) => [
        ['AWS/Lambda', 'Errors', 'FunctionName', `\${${id}}`],
        ['AWS/Lambda', 'Throttles', 'FunctionName', `\${${id}}`],
      ]),
    });
  }
  if (stateMachines.length > 0) {
    widgets.push({
      title: 'Failed executions',
      stat: 'Sum',
      metrics: stateMachines.map((id) => ['AWS/States', 'ExecutionsFailed', 'StateMachineArn', `\${${id}}`]),
    });
  }
  const table = `\${${LOGICAL_IDS.sessionsTable}}`;
  widgets.push({
    title: 'Sessions table throttles',
    stat: 'Sum',
    metrics: [
      ['AWS/DynamoDB', 'ReadThrottleEvents', 'TableName', table],
      ['AWS/DynamoDB', 'WriteThrottleEvents', 'TableName', table],
    ],
  });
  if (template.Resources[LOGICAL_IDS.webAcl] !== undefined) {
    // CloudFront web ACLs report in us-east-1, without a Region dimension.
    widgets.push({
      title: 'Edge web ACL: blocked requests',
      stat: 'Sum',
      region: 'us-east-1',
      metrics: [['AWS/WAFV2', 'BlockedRequests', 'WebACL', '${AWS::StackName}-Edge', 'Rule', 'ALL']],
    });
  }
  const body = {
    widgets: widgets.map((widget, i) => ({
      type: 'metric',
      x: (i % 2) * 12,
      y: Math.floor(i / 2) * 6,
      width: 12,
      height: 6,
      properties: {
        title: widget.title,
        region: widget.region ?? '${AWS::Region}',
        stat: widget.stat,
        period: config.alarms!.periodSeconds,
        view: 'timeSeries',
        metrics: widget.metrics,
      },
    })),
  };
  template.Resources[LOGICAL_IDS.dashboard] = {
    Type: 'AWS::CloudWatch::Dashboard',
    Properties: { DashboardName: sub(dashboardName('${AWS::StackName}')), DashboardBody: sub(JSON.stringify(body)) },
  };
};
