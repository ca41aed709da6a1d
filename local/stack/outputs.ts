import type { LocalTemplate } from '../template/index.ts';

/** Outputs that declare connect features; their values are the template's, the same locally as on AWS. */
const FEATURE_OUTPUTS = ['Subprotocols', 'Authorization', 'IdentityPathPattern', 'SendToIdentityRoute'] as const;

/**
 * The stack-outputs contract (design.md), with local values. The local stack adds the endpoints a deployed stack
 * does not need to name (the SDKs know AWS's): DynamoDB, Step Functions and Lambda (one local AWS endpoint for
 * both), and the local console.
 */
export type LocalOutputs = Record<'APIEndpoint' | 'ConnectionsEndpoint' | 'Sessions' | 'Region' | 'DynamoDBEndpoint'
  | 'StepFunctionsEndpoint' | 'LambdaEndpoint' | 'ConsoleURL', string>
  & { Distribution?: string }
  & Partial<Record<(typeof FEATURE_OUTPUTS)[number], string>>;

export interface LocalEndpoints {
  apiPort: number;
  stage: string;
  edgePort: number | undefined;
  dynamodb: string;
  services: string;
  consoleUrl: string;
}

export function localOutputs(template: LocalTemplate, sessions: string, region: string, endpoints: LocalEndpoints): LocalOutputs {
  const outputs: LocalOutputs = {
    APIEndpoint: `ws://127.0.0.1:${endpoints.apiPort}/${endpoints.stage}`,
    ...(endpoints.edgePort !== undefined ? { Distribution: `ws://127.0.0.1:${endpoints.edgePort}` } : {}),
    ConnectionsEndpoint: `http://127.0.0.1:${endpoints.apiPort}/${endpoints.stage}`,
    Sessions: sessions,
    Region: region,
    DynamoDBEndpoint: endpoints.dynamodb,
    StepFunctionsEndpoint: endpoints.services,
    LambdaEndpoint: endpoints.services,
    ConsoleURL: endpoints.consoleUrl,
  };
  for (const key of FEATURE_OUTPUTS) {
    const value = template.outputs[key];
    if (value !== undefined) outputs[key] = value;
  }
  return outputs;
}
