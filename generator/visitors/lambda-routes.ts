import { getAtt, ref, sub } from '../../cfn/types.ts';
import type { Visitor } from '../context.ts';
import { LOGICAL_IDS, routeIds } from '../naming.ts';
import { addRoute } from './route.ts';

/**
 * Routes served by TypeScript Lambda functions: SAM builds them with esbuild (ESM, `.mjs`),
 * API Gateway invokes them through a Lambda proxy integration, and the invoke permission is
 * scoped to this API, this stage and this route.
 */
export const lambdaRoutesVisitor: Visitor = (template, context) => {
  const { config, routeNames, handlers } = context;
  for (const [key, route] of Object.entries(config.routes)) {
    if (route.integration !== 'lambda') continue;
    const ids = routeIds(routeNames.get(key)!);
    const paths = handlers.get(key);
    if (!paths) throw new Error(`no resolved handler for route ${key}`);
    template.Resources[ids.function] = {
      Type: 'AWS::Serverless::Function',
      Metadata: {
        BuildMethod: 'esbuild',
        BuildProperties: {
          EntryPoints: [paths.entryPoint],
          Format: 'esm',
          OutExtension: ['.js=.mjs'],
          Target: 'es2022',
          Minify: true,
          Sourcemap: true,
        },
      },
      Properties: {
        CodeUri: paths.codeUri,
        Handler: paths.handler,
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: route.memorySize,
        Timeout: route.timeout,
        ...(config.observability.tracing ? { Tracing: 'Active' } : {}),
        Environment: {
          Variables: {
            SESSIONS_TABLE: ref(LOGICAL_IDS.sessionsTable),
            ...route.environment,
          },
        },
      },
    };
    template.Resources[ids.functionPermission] = {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: ref(ids.function),
        Principal: 'apigateway.amazonaws.com',
        SourceArn: sub(`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${LOGICAL_IDS.api}}/\${${LOGICAL_IDS.stageParameter}}/${key}`),
      },
    };
    addRoute(template, {
      key,
      base: routeNames.get(key)!,
      reply: route.reply,
      integration: {
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: sub(`arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${ids.function}.Arn}/invocations`),
      },
    });
  }
};
