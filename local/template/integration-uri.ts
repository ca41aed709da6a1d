import { TemplateError } from './errors.ts';

/** Where an integration sends the request, parsed from its IntegrationUri. */
export type IntegrationTarget =
  | { kind: 'lambda'; functionArn: string }
  | { kind: 'aws-service'; service: 'dynamodb' | 'states' | (string & {}); action: string }
  | { kind: 'http'; url: string };

const LAMBDA_INVOCATION =
  /^arn:[a-z-]+:apigateway:[a-z0-9-]+:lambda:path\/[0-9-]+\/functions\/(arn:[a-z-]+:lambda:[^/]+)\/invocations$/;
const LAMBDA_FUNCTION = /^arn:[a-z-]+:lambda:[a-z0-9-]+:\d{12}:function:[^/:]+(:[^/:]+)?$/;
const SERVICE_ACTION = /^arn:[a-z-]+:apigateway:[a-z0-9-]+:([a-z0-9-]+):action\/([A-Za-z0-9_.]+)$/;

/**
 * Parse an IntegrationUri: `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations`
 * (or a bare Lambda ARN), `arn:aws:apigateway:{region}:{service}:action/{Action}`, or an http(s) URL.
 * `integration` names the resource in the error for any other form.
 */
export function parseIntegrationUri(uri: string, integration: string): IntegrationTarget {
  const invocation = LAMBDA_INVOCATION.exec(uri);
  if (invocation?.[1] !== undefined) return { kind: 'lambda', functionArn: invocation[1] };
  if (LAMBDA_FUNCTION.test(uri)) return { kind: 'lambda', functionArn: uri };
  const action = SERVICE_ACTION.exec(uri);
  if (action?.[1] !== undefined && action[2] !== undefined)
    return { kind: 'aws-service', service: action[1], action: action[2] };
  if (/^https?:\/\/[^\s]+$/.test(uri)) return { kind: 'http', url: uri };
  throw new TemplateError(
    `Resources.${integration}.Properties.IntegrationUri: ${JSON.stringify(uri)} is not a Lambda invocation URI, ` +
      `an AWS service action (arn:aws:apigateway:{region}:{service}:action/{Action}) or an http(s) URL`,
  );
}
