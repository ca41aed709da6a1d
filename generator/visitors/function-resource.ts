import { ref, sub, type CfnObject, type CfnResource, type CfnTemplate, type CfnValue } from '../../cfn/types.ts';
import type { ResolvedHandler } from '../context.ts';
import { LOGICAL_IDS, routeIds } from '../naming.ts';
import { addRoute } from './route.ts';

export interface FunctionSpec {
  paths: ResolvedHandler;
  memorySize: number;
  timeout: number;
  tracing: boolean;
  environment: Record<string, CfnValue>;
  /** Inline IAM statements (SAM `Policies`); none when empty. */
  statements?: CfnObject[];
  /** Reviewed acceptances of template-check findings (`Metadata.checks.accept`); none when empty. */
  acceptances?: CfnObject[];
}

/**
 * A TypeScript Lambda function: SAM builds it with esbuild (ESM, `.mjs`, minified, source maps,
 * the runtime's AWS SDK left out) on arm64 with the Node.js 22 runtime; the sessions table name is always in its environment.
 */
export function typescriptFunction(spec: FunctionSpec): CfnResource {
  const statements = spec.statements ?? [];
  const acceptances = spec.acceptances ?? [];
  return {
    Type: 'AWS::Serverless::Function',
    Metadata: {
      ...(acceptances.length > 0 ? { checks: { accept: acceptances } } : {}),
      BuildMethod: 'esbuild',
      BuildProperties: {
        EntryPoints: [spec.paths.entryPoint],
        Format: 'esm',
        OutExtension: ['.js=.mjs'],
        Target: 'es2022',
        Minify: true,
        Sourcemap: true,
        // The nodejs22.x runtime ships AWS SDK v3: smaller bundles, faster cold starts.
        External: ['@aws-sdk/*'],
      },
    },
    Properties: {
      CodeUri: spec.paths.codeUri,
      Handler: spec.paths.handler,
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: spec.memorySize,
      Timeout: spec.timeout,
      ...(spec.tracing ? { Tracing: 'Active' } : {}),
      Environment: { Variables: { SESSIONS_TABLE: ref(LOGICAL_IDS.sessionsTable), ...spec.environment } },
      ...(statements.length > 0 ? { Policies: [{ Version: '2012-10-17', Statement: statements }] } : {}),
    },
  };
}

/** API Gateway may invoke the function only for this API and the given stage-relative path. */
export function apiInvokePermission(functionId: string, apiPath: string): CfnResource {
  return {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      Action: 'lambda:InvokeFunction',
      FunctionName: ref(functionId),
      Principal: 'apigateway.amazonaws.com',
      SourceArn: sub(
        `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${LOGICAL_IDS.api}}/${apiPath}`,
      ),
    },
  };
}

/** The Lambda proxy integration URI of a function in this template. */
export function lambdaIntegrationUri(functionId: string): CfnValue {
  return sub(
    `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${functionId}.Arn}/invocations`,
  );
}

/** A route on the route's own function: invoke permission for this stage and route, Lambda proxy integration. */
export function addLambdaProxyRoute(
  template: CfnTemplate,
  spec: { key: string; base: string; reply: boolean; authorization?: CfnObject },
): void {
  const { function: functionId, functionPermission } = routeIds(spec.base);
  template.Resources[functionPermission] = apiInvokePermission(
    functionId,
    `\${${LOGICAL_IDS.stageParameter}}/${spec.key}`,
  );
  addRoute(template, {
    ...spec,
    integration: { IntegrationType: 'AWS_PROXY', IntegrationUri: lambdaIntegrationUri(functionId) },
  });
}
