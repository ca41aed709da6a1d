// The project's stack (ws.config.ts → template.yaml) written as an AWS CDK app, as a CDK user would write it: the
// same routes and integrations (the same VTL request templates), the sessions table, both state machines, the
// Lambda, access logs and the CloudFront edge with its function. Synthesized by `npm run bench` (bench/cdk/index.ts)
// to compare `cdk synth` with `npm run generate`. No environment (account, region) is set and nothing is looked
// up, so synth makes no AWS call. Plain CommonJS: run by `node app.js` with nothing to compile.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const cdk = require('aws-cdk-lib');
const apigwv2 = require('aws-cdk-lib/aws-apigatewayv2');
const apigw = require('aws-cdk-lib/aws-apigateway');
const cloudfront = require('aws-cdk-lib/aws-cloudfront');
const dynamodb = require('aws-cdk-lib/aws-dynamodb');
const iam = require('aws-cdk-lib/aws-iam');
const lambda = require('aws-cdk-lib/aws-lambda');
const logs = require('aws-cdk-lib/aws-logs');
const sfn = require('aws-cdk-lib/aws-stepfunctions');

const ROOT = join(__dirname, '..', '..');
const ROUTE_SELECTION = '$request.body.action';
const TTL_SECONDS = 86_400;
const PATH_HEADER = 'ws-uri';
const XRAY_ACTIONS = [
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
];

/** The generated template, read as text for what the CDK app takes from it as it is (VTL, the access-log format). */
const GENERATED = readFileSync(join(ROOT, 'template.yaml'), 'utf8');

/** The request templates, read from the generated template: the CDK app sends the same VTL. */
function requestTemplate(resource) {
  const start = GENERATED.indexOf(`  ${resource}:\n`);
  const block = GENERATED.slice(GENERATED.indexOf('$default: !Sub |\n', start) + '$default: !Sub |\n'.length);
  const lines = [];
  for (const line of block.split('\n')) {
    if (!line.startsWith('          ') && line.trim() !== '') break;
    lines.push(line.slice(10));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The stage's access-log format (one JSON line of `$context` variables), read from the generated template too. */
function accessLogFormat() {
  const line = GENERATED.split('\n').find((text) => text.trimStart().startsWith("Format: '{"));
  const format = line?.trim().slice("Format: '".length, -1).replaceAll("''", "'");
  if (format === undefined || typeof JSON.parse(format) !== 'object')
    throw new Error('template.yaml has no access-log Format line: run npm run generate');
  return format;
}

class WebSocketStack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id, { description: 'WebSocket API with AWS service integrations (apigw-ws-integrations)' });
    const stageName = new cdk.CfnParameter(this, 'ApiStageName', {
      type: 'String',
      default: 'api',
      allowedPattern: '^[A-Za-z0-9_-]{1,128}$',
    });
    const originSecret = new cdk.CfnParameter(this, 'OriginSecret', {
      type: 'String',
      noEcho: true,
      allowedPattern: '^[A-Za-z0-9_-]{32,128}$',
    });
    const originSecretPrevious = new cdk.CfnParameter(this, 'OriginSecretPrevious', {
      type: 'String',
      noEcho: true,
      default: '',
      allowedPattern: '^([A-Za-z0-9_-]{32,128})?$',
    });

    const api = new apigwv2.CfnApi(this, 'WebSocketApi', {
      name: `${cdk.Aws.STACK_NAME}-WebSocketApi`,
      protocolType: 'WEBSOCKET',
      routeSelectionExpression: ROUTE_SELECTION,
    });
    const apiHost = `${api.ref}.execute-api.${cdk.Aws.REGION}.${cdk.Aws.URL_SUFFIX}`;
    const executeApiArn = (path) =>
      `arn:${cdk.Aws.PARTITION}:execute-api:${cdk.Aws.REGION}:${cdk.Aws.ACCOUNT_ID}:${api.ref}/${stageName.valueAsString}/${path}`;
    const table = new dynamodb.Table(this, 'SessionsTable', {
      tableName: `${cdk.Aws.STACK_NAME}-Sessions`,
      partitionKey: { name: 'connectionid', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'ttl',
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
    });
    const apiUri = (action) => `arn:${cdk.Aws.PARTITION}:apigateway:${cdk.Aws.REGION}:${action}`;
    const routes = [];
    const addRoute = (name, routeKey, integrationProps, { reply, integrationResponse }) => {
      const integration = new apigwv2.CfnIntegration(this, `${name}Integration`, {
        apiId: api.ref,
        ...integrationProps,
      });
      const route = new apigwv2.CfnRoute(this, `${name}Route`, {
        apiId: api.ref,
        routeKey,
        authorizationType: 'NONE',
        operationName: `${name}Route`,
        target: `integrations/${integration.ref}`,
        routeResponseSelectionExpression: reply ? '$default' : undefined,
      });
      routes.push(route, integration);
      if (reply)
        routes.push(
          new apigwv2.CfnRouteResponse(this, `${name}RouteResponse`, {
            apiId: api.ref,
            routeId: route.ref,
            routeResponseKey: '$default',
          }),
        );
      if (integrationResponse !== undefined)
        routes.push(
          new apigwv2.CfnIntegrationResponse(this, `${name}IntegrationResponse`, {
            apiId: api.ref,
            integrationId: integration.ref,
            integrationResponseKey: integrationResponse,
          }),
        );
    };
    const vtl = (resource, values) => ({ $default: cdk.Fn.sub(requestTemplate(resource), values) });
    /** A route calling one AWS service action through its VTL request template, with a role allowed only that. */
    const serviceRoute = (name, routeKey, { service, action, resource, templateValues }, response) => {
      const role = new iam.Role(this, `${name}IntegrationRole`, {
        assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      });
      role.addToPolicy(new iam.PolicyStatement({ actions: [`${service}:${action}`], resources: [resource] }));
      addRoute(
        name,
        routeKey,
        {
          integrationType: 'AWS',
          integrationMethod: 'POST',
          integrationUri: apiUri(`${service}:action/${action}`),
          credentialsArn: role.roleArn,
          passthroughBehavior: 'NEVER',
          templateSelectionExpression: '\\$default',
          requestTemplates: vtl(`${name}Integration`, templateValues),
        },
        response,
      );
    };
    /** A state machine's role may write its X-Ray traces (tracing is on for both). */
    const allowTracing = (machine) =>
      machine.addToRolePolicy(new iam.PolicyStatement({ actions: XRAY_ACTIONS, resources: ['*'] }));

    // $connect and $disconnect: DynamoDB PutItem / DeleteItem through VTL.
    for (const [name, routeKey, action] of [
      ['Connect', '$connect', 'PutItem'],
      ['Disconnect', '$disconnect', 'DeleteItem'],
    ]) {
      const sessions = { resource: table.tableArn, templateValues: { SessionsTable: table.tableName } };
      serviceRoute(
        name,
        routeKey,
        { service: 'dynamodb', action, ...sessions },
        { reply: false, integrationResponse: '/2\\d\\d/' },
      );
    }

    // $default: the TypeScript Lambda (its folder as the asset, as SAM's CodeUri).
    const fn = new lambda.Function(this, 'DefaultFunction', {
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'default.handler',
      code: lambda.Code.fromAsset(join(ROOT, 'handlers')),
      memorySize: 128,
      timeout: cdk.Duration.seconds(10),
      tracing: lambda.Tracing.ACTIVE,
      environment: { SESSIONS_TABLE: table.tableName },
    });
    fn.addPermission('DefaultFunctionPermission', {
      principal: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      sourceArn: executeApiArn('$default'),
    });
    addRoute(
      'Default',
      '$default',
      {
        integrationType: 'AWS_PROXY',
        integrationUri: apiUri(`lambda:path/2015-03-31/functions/${fn.functionArn}/invocations`),
      },
      { reply: true },
    );

    // sync_sfn: an Express state machine started synchronously.
    const syncMachine = new sfn.StateMachine(this, 'SyncSfnStateMachine', {
      stateMachineType: sfn.StateMachineType.EXPRESS,
      tracingEnabled: true,
      definitionBody: sfn.DefinitionBody.fromChainable(
        new sfn.Wait(this, 'Wait', { time: sfn.WaitTime.duration(cdk.Duration.seconds(5)) }),
      ),
    });
    allowTracing(syncMachine);
    const workflowRoute = (name, routeKey, action, machine) =>
      serviceRoute(
        name,
        routeKey,
        {
          service: 'states',
          action,
          resource: machine.stateMachineArn,
          templateValues: { [`${name}StateMachine`]: machine.stateMachineArn },
        },
        { reply: true, integrationResponse: '$default' },
      );
    workflowRoute('SyncSfn', 'sync_sfn', 'StartSyncExecution', syncMachine);

    // async_sfn: a Standard state machine that waits, then calls the client back through @connections.
    const asyncDefinition = {
      Comment:
        'Standard workflow started asynchronously by API Gateway: waits, then messages the caller through @connections.',
      StartAt: 'Wait',
      States: {
        Wait: { Type: 'Wait', Seconds: 5, Next: 'Notify Client' },
        'Notify Client': {
          Type: 'Task',
          Resource: 'arn:aws:states:::apigateway:invoke',
          Parameters: {
            ApiEndpoint: '${ApiEndpoint}',
            Method: 'POST',
            Stage: '${Stage}',
            'Path.$': "States.Format('/@connections/{}', $.ConnectionID)",
            RequestBody: { Message: 'Hello from asynchronous workflow execution!' },
            AuthType: 'IAM_ROLE',
          },
          Retry: [
            {
              ErrorEquals: ['ApiGateway.429', 'ApiGateway.500', 'ApiGateway.502', 'ApiGateway.503', 'ApiGateway.504'],
              IntervalSeconds: 1,
              MaxAttempts: 3,
              BackoffRate: 2,
            },
          ],
          Catch: [{ ErrorEquals: ['ApiGateway.410'], ResultPath: '$.notifyError', Next: 'Client Gone' }],
          End: true,
        },
        'Client Gone': { Type: 'Succeed' },
      },
    };
    const asyncMachine = new sfn.StateMachine(this, 'AsyncSfnStateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      tracingEnabled: true,
      definitionBody: sfn.DefinitionBody.fromString(JSON.stringify(asyncDefinition)),
      definitionSubstitutions: {
        ApiEndpoint: apiHost,
        Stage: stageName.valueAsString,
      },
    });
    asyncMachine.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['execute-api:ManageConnections'],
        resources: [executeApiArn('POST/@connections/{connectionId}')],
      }),
    );
    allowTracing(asyncMachine);
    workflowRoute('AsyncSfn', 'async_sfn', 'StartExecution', asyncMachine);

    // Access logs, the account's CloudWatch role, the deployment and the stage.
    const accessLogs = new logs.LogGroup(this, 'AccessLogGroup', {
      logGroupName: `/aws/apigateway/${cdk.Aws.STACK_NAME}-WebSocketApi/${stageName.valueAsString}`,
      retention: logs.RetentionDays.ONE_MONTH,
    });
    const cloudWatchRole = new iam.Role(this, 'ApiGatewayCloudWatchRole', {
      assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com'),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonAPIGatewayPushToCloudWatchLogs'),
      ],
    });
    const account = new apigw.CfnAccount(this, 'ApiGatewayAccount', { cloudWatchRoleArn: cloudWatchRole.roleArn });
    const deployment = new apigwv2.CfnDeployment(this, 'Deployment', {
      apiId: api.ref,
      description: 'Deployment of every route, integration and response',
    });
    for (const resource of routes) deployment.node.addDependency(resource);
    const stage = new apigwv2.CfnStage(this, 'Stage', {
      apiId: api.ref,
      stageName: stageName.valueAsString,
      deploymentId: deployment.ref,
      stageVariables: {
        originSecrets: cdk.Fn.join(',', [originSecret.valueAsString, originSecretPrevious.valueAsString]),
      },
      accessLogSettings: {
        destinationArn: accessLogs.logGroupArn,
        format: accessLogFormat(),
      },
    });
    stage.addDependency(account);

    // The edge: CloudFront with the path-moving function and the WebSocket origin request policy.
    const uriRewrite = new cloudfront.Function(this, 'UriRewriteFunction', {
      functionName: `${cdk.Aws.STACK_NAME}-UriRewrite`,
      comment: 'Move the viewer URL path into a header',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      autoPublish: true,
      code: cloudfront.FunctionCode.fromInline(
        [
          `var PATH_HEADER = "${PATH_HEADER}";`,
          'function handler(event) {',
          '  var request = event.request;',
          '  request.headers[PATH_HEADER] = { value: request.uri };',
          "  request.uri = '/';",
          '  return request;',
          '}',
        ].join('\n'),
      ),
    });
    const originRequestPolicy = new cloudfront.OriginRequestPolicy(this, 'WebSocketOriginRequestPolicy', {
      originRequestPolicyName: `${cdk.Aws.STACK_NAME}-WebSocketOrigin`,
      comment: 'API Gateway WebSocket origin: handshake headers, the path header, every query string',
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(
        'Sec-WebSocket-Key',
        'Sec-WebSocket-Version',
        'Sec-WebSocket-Protocol',
        'Sec-WebSocket-Accept',
        'Sec-WebSocket-Extensions',
        PATH_HEADER,
      ),
    });
    const distribution = new cloudfront.CfnDistribution(this, 'CloudFrontDistribution', {
      distributionConfig: {
        comment: `${cdk.Aws.STACK_NAME} WebSocket edge`,
        enabled: true,
        httpVersion: 'http2',
        priceClass: 'PriceClass_100',
        origins: [
          {
            id: 'WebSocketApiOrigin',
            domainName: apiHost,
            originPath: `/${stageName.valueAsString}`,
            customOriginConfig: { httpsPort: 443, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] },
            originCustomHeaders: [{ headerName: 'x-origin-verify', headerValue: originSecret.valueAsString }],
          },
        ],
        defaultCacheBehavior: {
          targetOriginId: 'WebSocketApiOrigin',
          viewerProtocolPolicy: 'https-only',
          allowedMethods: ['GET', 'HEAD'],
          compress: false,
          cachePolicyId: cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId,
          originRequestPolicyId: originRequestPolicy.originRequestPolicyId,
          functionAssociations: [{ eventType: 'viewer-request', functionArn: uriRewrite.functionArn }],
        },
      },
    });

    const endpoint = `${apiHost}/${stageName.valueAsString}`;
    new cdk.CfnOutput(this, 'APIEndpoint', { value: `wss://${endpoint}` });
    new cdk.CfnOutput(this, 'Distribution', { value: `wss://${distribution.attrDomainName}` });
    new cdk.CfnOutput(this, 'ConnectionsEndpoint', { value: `https://${endpoint}` });
    new cdk.CfnOutput(this, 'Sessions', { value: table.tableName });
    new cdk.CfnOutput(this, 'Region', { value: cdk.Aws.REGION });
    new cdk.CfnOutput(this, 'SessionTtlSeconds', { value: String(TTL_SECONDS) });
  }
}

const app = new cdk.App();
new WebSocketStack(app, 'ApigwWsIntegrations');
app.synth();
