import { getAtt, sub, type CfnTemplate } from '../../cfn/types.ts';
import type { GeneratorContext, Visitor } from '../context.ts';
import { LOGICAL_IDS, routeIds } from '../naming.ts';
import { allow, serviceRole } from './iam.ts';
import { addRoute } from './route.ts';

/**
 * `$connect` puts and `$disconnect` deletes the session record through DynamoDB service
 * integrations (no Lambda). Each has its own role allowed exactly one action on the table.
 */
export const sessionRoutesVisitor: Visitor = (template, context) => {
  addSessionRoute(template, context, '$connect', 'PutItem', 'vtl/connect');
  addSessionRoute(template, context, '$disconnect', 'DeleteItem', 'vtl/disconnect');
};

function addSessionRoute(template: CfnTemplate, context: GeneratorContext, key: string, action: string, partial: string): void {
  const base = context.routeNames.get(key)!;
  const ids = routeIds(base);
  const tableArn = getAtt(LOGICAL_IDS.sessionsTable, 'Arn');
  template.Resources[ids.integrationRole] = serviceRole('apigateway.amazonaws.com', `Sessions${action}`, [allow(`dynamodb:${action}`, tableArn)]);
  addRoute(template, {
    key,
    base,
    reply: false,
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
  const { sessions, edge } = config;
  return {
    table: LOGICAL_IDS.sessionsTable,
    partitionKey: sessions.partitionKey,
    ttlAttribute: sessions.ttl.attribute,
    ttlSeconds: sessions.ttl.seconds,
    store: sessions.store,
    pathHeader: edge.enabled ? edge.pathHeader : null,
    indexes: sessions.indexes.map((index, i) => ({
      attribute: index.attribute,
      variable: `$index${i}`,
      query: index.source.from === 'query' ? index.source.name : null,
      header: index.source.from === 'header' ? index.source.name : null,
      segment: index.source.from === 'pathSegment' ? index.source.index + 1 : null,
    })),
  };
}
