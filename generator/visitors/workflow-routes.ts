import { getAtt, ref, sub, type CfnObject, type CfnTemplate } from '../../cfn/types.ts';
import type { StepFunctionsRoute } from '../config/index.ts';
import type { GeneratorContext, RouteKindVisitor } from '../context.ts';
import { LOGICAL_IDS, routeIds } from '../naming.ts';
import { connectionsArn } from './connections-api.ts';
import { allow, serviceRole, xrayWrite } from './iam.ts';
import { addRoute } from './route.ts';

/**
 * Routes that start Step Functions workflows through service integrations: EXPRESS synchronously
 * (`StartSyncExecution`), STANDARD asynchronously (`StartExecution`). ARNs reach the definitions
 * only through `DefinitionSubstitutions`.
 */
export const workflowRoutesVisitor: RouteKindVisitor<'stepFunctions'> = (template, context, routes) => {
  for (const { key, route } of routes) addWorkflowRoute(template, context, key, route);
};

function addWorkflowRoute(template: CfnTemplate, context: GeneratorContext, key: string, route: StepFunctionsRoute): void {
  const { config, partials } = context;
  const base = context.routeNames.get(key)!;
  const ids = routeIds(base);
  const synchronous = route.type === 'EXPRESS';
  const action = synchronous ? 'StartSyncExecution' : 'StartExecution';
  const notifies = route.workflow.template === 'wait-then-notify';

  const workflowStatements: CfnObject[] = [];
  if (notifies) {
    workflowStatements.push(allow('execute-api:ManageConnections', connectionsArn('POST')));
  }
  if (config.observability.tracing) workflowStatements.push(xrayWrite());
  template.Resources[ids.stateMachineRole] = serviceRole('states.amazonaws.com', `${base}Workflow`, workflowStatements);

  template.Resources[ids.stateMachine] = {
    Type: 'AWS::Serverless::StateMachine',
    Properties: {
      Type: route.type,
      Definition: JSON.parse(partials.render(`asl/${route.workflow.template}`, route.workflow)),
      ...(notifies ? {
        DefinitionSubstitutions: {
          ApiEndpoint: sub(`\${${LOGICAL_IDS.api}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`),
          Stage: ref(LOGICAL_IDS.stageParameter),
        },
      } : {}),
      Role: getAtt(ids.stateMachineRole, 'Arn'),
      ...(config.observability.tracing ? { Tracing: { Enabled: true } } : {}),
    },
  };

  template.Resources[ids.integrationRole] = serviceRole('apigateway.amazonaws.com', `${base}${action}`, [allow(`states:${action}`, ref(ids.stateMachine))]);
  addRoute(template, {
    key,
    base,
    reply: route.reply,
    integrationResponseKey: '$default',
    integration: {
      IntegrationType: 'AWS',
      IntegrationMethod: 'POST',
      IntegrationUri: sub(`arn:\${AWS::Partition}:apigateway:\${AWS::Region}:states:action/${action}`),
      CredentialsArn: getAtt(ids.integrationRole, 'Arn'),
      PassthroughBehavior: 'NEVER',
      TemplateSelectionExpression: '\\$default',
      RequestTemplates: {
        $default: sub(partials.render(synchronous ? 'vtl/start-sync-execution' : 'vtl/start-execution', { stateMachine: ids.stateMachine })),
      },
    },
  });
}
