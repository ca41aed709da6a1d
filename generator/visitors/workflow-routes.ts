import { getAtt, ref, sub, type CfnObject, type CfnTemplate } from '../../cfn/types.ts';
import type { StepFunctionsRoute } from '../config/index.ts';
import type { GeneratorContext, RouteKindVisitor } from '../context.ts';
import { routeIds } from '../naming.ts';
import { analyzeWorkflow } from '../workflows/analyze.ts';
import { workflowDefinition, workflowField } from '../workflows/definition.ts';
import { workflowSubstitutions } from '../workflows/substitutions.ts';
import { allow, serviceRole, xrayWrite } from './iam.ts';
import { addRoute } from './route.ts';

/**
 * Routes that start Step Functions workflows through service integrations: EXPRESS synchronously
 * (`StartSyncExecution`), STANDARD asynchronously (`StartExecution`). The definition is a built-in shape or
 * the user's file; ARNs and names reach it only through `DefinitionSubstitutions`, and its role is derived
 * from its Task states.
 */
export const workflowRoutesVisitor: RouteKindVisitor<'stepFunctions'> = (template, context, routes) => {
  for (const { key, route } of routes) addWorkflowRoute(template, context, key, route);
};

function addWorkflowRoute(
  template: CfnTemplate,
  context: GeneratorContext,
  key: string,
  route: StepFunctionsRoute,
): void {
  const { config, partials } = context;
  const base = context.routeNames.get(key)!;
  const ids = routeIds(base);
  const synchronous = route.type === 'EXPRESS';
  const action = synchronous ? 'StartSyncExecution' : 'StartExecution';
  const definition = workflowDefinition(key, route, context);
  const analysis = analyzeWorkflow(definition, config, workflowField(key, route));
  context.problems.push(...analysis.problems);

  // The role holds exactly what the definition's Task states call (analyze.ts), plus X-Ray with tracing.
  const workflowStatements = analysis.grants.map((grant) => allow(grant.action, grant.resource));
  if (config.observability.tracing) workflowStatements.push(xrayWrite());
  template.Resources[ids.stateMachineRole] = serviceRole('states.amazonaws.com', `${base}Workflow`, workflowStatements);

  const substitutions = workflowSubstitutions(config);
  template.Resources[ids.stateMachine] = {
    Type: 'AWS::Serverless::StateMachine',
    Properties: {
      Type: route.type,
      Definition: definition as CfnObject,
      ...(analysis.substitutions.length > 0
        ? {
            DefinitionSubstitutions: Object.fromEntries(
              analysis.substitutions.map((name) => [name, substitutions.get(name)!.value]),
            ),
          }
        : {}),
      Role: getAtt(ids.stateMachineRole, 'Arn'),
      ...(config.observability.tracing ? { Tracing: { Enabled: true } } : {}),
    },
  };

  template.Resources[ids.integrationRole] = serviceRole('apigateway.amazonaws.com', `${base}${action}`, [
    allow(`states:${action}`, ref(ids.stateMachine)),
  ]);
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
        $default: sub(
          partials.render(synchronous ? 'vtl/start-sync-execution' : 'vtl/start-execution', {
            stateMachine: ids.stateMachine,
          }),
        ),
      },
    },
  });
}
