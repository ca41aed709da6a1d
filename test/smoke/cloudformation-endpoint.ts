/**
 * A loopback endpoint that speaks CloudFormation's awsQuery wire format for DescribeStacks (form
 * body in, XML out, `ValidationError` for an unknown stack), so the real SDK client is exercised.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestBody } from './request-body.ts';

export interface FakeStack {
  name: string;
  status: string;
  outputs: Record<string, string>;
}

export interface CloudFormationEndpoint {
  url: string;
  /** Each request's form fields, for asserting what the SDK sent. */
  requests: Array<Record<string, string>>;
  authorizations: string[];
  stop(): Promise<void>;
}

const xmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function describeStacksXml(stack: FakeStack): string {
  const outputs = Object.entries(stack.outputs)
    .map(
      ([key, value]) =>
        `<member><OutputKey>${xmlEscape(key)}</OutputKey><OutputValue>${xmlEscape(value)}</OutputValue><Description>d</Description></member>`,
    )
    .join('');
  return (
    `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member>` +
    `<StackId>arn:aws:cloudformation:eu-west-1:123456789012:stack/${xmlEscape(stack.name)}/0f0e0d0c-0000-4000-8000-000000000000</StackId>` +
    `<StackName>${xmlEscape(stack.name)}</StackName><CreationTime>2026-11-25T10:00:00.000Z</CreationTime>` +
    `<StackStatus>${stack.status}</StackStatus><Outputs>${outputs}</Outputs></member></Stacks></DescribeStacksResult>` +
    `<ResponseMetadata><RequestId>b9b4b068-3a41-11e5-94eb-example</RequestId></ResponseMetadata></DescribeStacksResponse>`
  );
}

function errorXml(code: string, message: string): string {
  return (
    `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>${code}</Code>` +
    `<Message>${xmlEscape(message)}</Message></Error><RequestId>c0ffee00-0000-4000-8000-000000000000</RequestId></ErrorResponse>`
  );
}

export async function startCloudFormationEndpoint(stacks: FakeStack[]): Promise<CloudFormationEndpoint> {
  const requests: Array<Record<string, string>> = [];
  const authorizations: string[] = [];
  const server: Server = createServer((request, response) => {
    void requestBody(request).then((body) => {
      const form = Object.fromEntries(new URLSearchParams(body));
      requests.push(form);
      authorizations.push(request.headers.authorization ?? '');
      const reply = (status: number, xml: string) => {
        response
          .writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': 'c0ffee00-0000-4000-8000-000000000000' })
          .end(xml);
      };
      if (form['Action'] !== 'DescribeStacks' || form['Version'] !== '2010-05-15')
        return reply(400, errorXml('InvalidAction', `unsupported ${form['Action']}`));
      const stack = stacks.find((candidate) => candidate.name === form['StackName']);
      if (!stack) return reply(400, errorXml('ValidationError', `Stack with id ${form['StackName']} does not exist`));
      reply(200, describeStacksXml(stack));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    authorizations,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
