/**
 * A loopback endpoint that speaks CloudWatch's AWS JSON 1.0 protocol for DescribeAlarms (the protocol the v3 SDK
 * client uses), so the real SDK client is exercised. Each look at the alarms takes the next entry of `looks`
 * (the last one repeats), so a test can make an alarm fire while the gate is watching.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestBody } from './request-body.ts';

export interface FakeAlarm {
  name: string;
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  reason?: string;
}

export interface CloudWatchEndpoint {
  url: string;
  /** Each DescribeAlarms request's AlarmNames. */
  requests: string[][];
  stop(): Promise<void>;
}

export async function startCloudWatchEndpoint(looks: FakeAlarm[][]): Promise<CloudWatchEndpoint> {
  const requests: string[][] = [];
  const server: Server = createServer((request, response) => {
    void requestBody(request).then((body) => {
      const reply = (status: number, payload: unknown) =>
        response
          .writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'gate-0001' })
          .end(JSON.stringify(payload));
      if (request.headers['x-amz-target'] !== 'GraniteServiceVersion20100801.DescribeAlarms')
        return reply(400, { __type: 'InvalidAction', message: `unsupported ${request.headers['x-amz-target']}` });
      const names = (JSON.parse(body) as { AlarmNames?: string[] }).AlarmNames ?? [];
      requests.push(names);
      const look = looks[Math.min(requests.length - 1, looks.length - 1)] ?? [];
      reply(200, {
        MetricAlarms: look
          .filter((alarm) => names.includes(alarm.name))
          .map((alarm) => ({
            AlarmName: alarm.name,
            StateValue: alarm.state,
            StateReason: alarm.reason ?? `Threshold Crossed: state ${alarm.state}`,
            StateUpdatedTimestamp: 1796112000,
          })),
        CompositeAlarms: [],
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
