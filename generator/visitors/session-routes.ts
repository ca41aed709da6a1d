import { getAtt, sub, type CfnTemplate } from '../../cfn/types.ts';
import type { GeneratorContext } from '../context.ts';
import { LOGICAL_IDS, routeIds } from '../naming.ts';
import { identityPattern } from '../../handlers/lib/identity-path.ts';
import { sessionRecordSpec } from '../sessions/record.ts';
import { connectAuthorization } from './authorizer.ts';
import { allow, serviceRole } from './iam.ts';
import { addRoute } from './route.ts';

/**
 * `$connect` puts and `$disconnect` deletes the session record through DynamoDB service
 * integrations (no Lambda). Each has its own role allowed exactly one action on the table.
 * With subprotocols, `$connect` is a generated Lambda instead (connect-function.ts): only a
 * Lambda proxy can answer `Sec-WebSocket-Protocol`. `keys`: the session routes the config leaves to DynamoDB
 * (a `lambda` route may serve either).
 */
export function sessionRoutesVisitor(
  template: CfnTemplate,
  context: GeneratorContext,
  keys: ReadonlySet<string>,
): void {
  if (keys.has('$connect') && context.config.connect.subprotocols.length === 0)
    addSessionRoute(template, context, '$connect');
  if (keys.has('$disconnect')) addSessionRoute(template, context, '$disconnect');
}

/** The DynamoDB action of each session route, and the VTL partial that renders its request. */
const SESSION_ROUTES = {
  $connect: { action: 'PutItem', partial: 'vtl/connect' },
  $disconnect: { action: 'DeleteItem', partial: 'vtl/disconnect' },
} as const;

function addSessionRoute(template: CfnTemplate, context: GeneratorContext, key: keyof typeof SESSION_ROUTES): void {
  const { action, partial } = SESSION_ROUTES[key];
  const base = context.routeNames.get(key)!;
  const ids = routeIds(base);
  const tableArn = getAtt(LOGICAL_IDS.sessionsTable, 'Arn');
  template.Resources[ids.integrationRole] = serviceRole('apigateway.amazonaws.com', `Sessions${action}`, [
    allow(`dynamodb:${action}`, tableArn),
  ]);
  addRoute(template, {
    key,
    base,
    reply: false,
    ...(key === '$connect' ? { authorization: connectAuthorization(context.config) } : {}),
    // Success is a 2xx from DynamoDB; anything else matches no response and refuses the handshake.
    integrationResponseKey: '/2\\d\\d/',
    integration: {
      IntegrationType: 'AWS',
      IntegrationMethod: 'POST',
      IntegrationUri: sub(`arn:\${AWS::Partition}:apigateway:\${AWS::Region}:dynamodb:action/${action}`),
      CredentialsArn: getAtt(ids.integrationRole, 'Arn'),
      PassthroughBehavior: 'NEVER',
      TemplateSelectionExpression: '\\$default',
      RequestTemplates: { $default: sub(context.partials.render(partial, sessionTemplateData(context))) },
    },
  });
}

function sessionTemplateData({ config }: GeneratorContext) {
  const spec = sessionRecordSpec(config);
  return {
    table: LOGICAL_IDS.sessionsTable,
    partitionKey: spec.partitionKey,
    ttlAttribute: spec.ttlAttribute,
    ttlSeconds: spec.ttlSeconds,
    store: spec.store,
    pathHeader: spec.pathHeader,
    // Whether $connect refuses some handshakes (and so renders a refusal branch at all).
    checks: spec.edgeSecretHeader !== null || spec.allowedOrigins.length > 0 || spec.identity !== null,
    edgeSecretHeader: spec.edgeSecretHeader,
    allowedOrigins: spec.allowedOrigins,
    identity:
      spec.identity === null
        ? null
        : {
            attribute: spec.identity.attribute,
            fromAuthorizer: spec.identity.from === 'authorizer',
            regex: identityPattern(spec.identity.pathPattern).regex,
          },
    indexes: spec.indexes.map((index, i) => ({
      attribute: index.attribute,
      variable: `$index${i}`,
      query: index.source.from === 'query' ? index.source.name : null,
      header: index.source.from === 'header' ? index.source.name : null,
      segment: index.source.from === 'pathSegment' ? index.source.index + 1 : null,
    })),
    authorizer:
      spec.authorizerContextKeys === null
        ? null
        : {
            keys: spec.authorizerContextKeys.map((key, i) => ({ key, variable: `$authorizer${i}` })),
          },
  };
}
