import type { LocalTemplate } from '../template/index.ts';
import { apiHostName } from './api-host.ts';

/**
 * The stack-outputs contract (docs/architecture.md#stack-outputs), with local values, after every other output of the template that
 * resolves locally (its deployed endpoints turned into local ones; feature outputs such as Subprotocols as written).
 * The local stack adds the endpoints a deployed stack does not need to name (the SDKs know AWS's): DynamoDB,
 * Step Functions and Lambda (one local AWS endpoint for both), and the local console.
 */
export type LocalOutputs = Record<
  | 'APIEndpoint'
  | 'ConnectionsEndpoint'
  | 'Region'
  | 'DynamoDBEndpoint'
  | 'StepFunctionsEndpoint'
  | 'LambdaEndpoint'
  | 'ConsoleURL',
  string
> & { Distribution?: string; Sessions?: string } & Record<string, string>;

export interface LocalEndpoints {
  apiId: string;
  region: string;
  urlSuffix: string;
  apiPort: number;
  stage: string;
  /** The local edge's port, when the stack runs an edge, and the distribution's placeholder domain (and aliases) it stands for. */
  edge?: { port: number; domainName: string | undefined; aliases?: string[] };
  /** Custom domains mapped to the stage without a key (AWS::ApiGatewayV2::ApiMapping): `wss://{domain}` is the local stage. */
  apiDomains?: string[];
  dynamodb: string;
  /** The local AWS endpoint: Step Functions and Lambda Invoke. */
  services: string;
  consoleUrl: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A template output's value with the deployed endpoints it names turned into the local ones: the API's
 * `wss://`/`https://{api}.execute-api.{region}.{suffix}` (or its bare host) becomes `ws://`/`http://127.0.0.1:{port}`,
 * and the distribution's domain the local edge. Anything else is the template's value as resolved.
 */
export function localOutputValue(value: string, endpoints: LocalEndpoints): string {
  const apiHost = apiHostName(endpoints.apiId, endpoints.region, endpoints.urlSuffix);
  const hosts: Array<[string, number]> = [[apiHost, endpoints.apiPort]];
  if (endpoints.edge?.domainName !== undefined) hosts.push([endpoints.edge.domainName, endpoints.edge.port]);
  for (const alias of endpoints.edge?.aliases ?? []) hosts.push([alias, endpoints.edge!.port]);
  let local = value;
  for (const domain of endpoints.apiDomains ?? []) {
    local = local.replace(
      new RegExp(`wss://${escape(domain)}(?![\\w.-])`, 'g'),
      `ws://127.0.0.1:${endpoints.apiPort}/${endpoints.stage}`,
    );
  }
  for (const [host, port] of hosts) {
    local = local
      .replace(new RegExp(`wss://${escape(host)}`, 'g'), `ws://127.0.0.1:${port}`)
      .replace(new RegExp(`https://${escape(host)}`, 'g'), `http://127.0.0.1:${port}`)
      .replace(new RegExp(escapeRegExp(host), 'g'), `127.0.0.1:${port}`);
  }
  return local;
}

/** Every output of the template that resolves locally, with local endpoints, then the contract's and the local stack's own. */
export function localOutputs(template: LocalTemplate, endpoints: LocalEndpoints): LocalOutputs {
  const own = Object.fromEntries(
    Object.entries(template.outputs).map(([name, value]) => [name, localOutputValue(value, endpoints)]),
  );
  return {
    ...own,
    APIEndpoint: `ws://127.0.0.1:${endpoints.apiPort}/${endpoints.stage}`,
    ...(endpoints.edge ? { Distribution: `ws://127.0.0.1:${endpoints.edge.port}` } : {}),
    ConnectionsEndpoint: `http://127.0.0.1:${endpoints.apiPort}/${endpoints.stage}`,
    Region: endpoints.region,
    DynamoDBEndpoint: endpoints.dynamodb,
    StepFunctionsEndpoint: endpoints.services,
    LambdaEndpoint: endpoints.services,
    ConsoleURL: endpoints.consoleUrl,
  };
}
