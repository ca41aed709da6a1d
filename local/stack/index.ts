import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createApiGatewayService, type ApiGatewayService } from '../api/index.ts';
import { SERVICE_RESTART } from '../api/connection.ts';
import { createDynamoDbService } from '../dynamodb/index.ts';
import { createLambdaService } from '../lambda/index.ts';
import { createStepFunctionsService } from '../stepfunctions/index.ts';
import {
  apiFromTemplate,
  apiKeysFromTemplate,
  requestValidationsFromTemplate,
  functionsFromTemplate,
  integrationsFromTemplate,
  layersFromTemplate,
  routeThrottles,
  stageAccessLogFormat,
  stateMachinesFromTemplate,
  tablesFromTemplate,
} from '../template/index.ts';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, DEFAULT_STACK_NAME } from '../shared/constants.ts';
import { callAwsService, invokeLambda } from './backends.ts';
import { createLocalConsole } from '../console/index.ts';
import { createStageAccessLog } from './access-log.ts';
import { combineObservers } from './observers.ts';
import { readSessionRecord } from './session-record.ts';
import { invokableFunctions, startAwsEndpoint } from './aws-endpoint.ts';
import { stackQueues } from './queues.ts';
import { deferredServices } from './deferred-services.ts';
import { createStackIamGuard } from './iam-guard.ts';
import { withRoleCredentials } from './iam-function-credentials.ts';
import { createStackLog } from './stack-log.ts';
import { invokeLocalApi } from './connections-client.ts';
import { startEdge } from './edge.ts';
import { customDomainMappings } from './api-domains.ts';
import { createLocalCertificate } from './local-certificate.ts';
import { startTlsFront } from './tls-front.ts';
import { apiHostName } from './api-host.ts';
import { apiKeySourceText, apiKeySummary, gatewayApiKeys } from './api-keys.ts';
import { lambdaEventBuilders } from './event-adapter.ts';
import { planFunctions } from './functions.ts';
import { lambdaBaseEnvironment } from './lambda-environment.ts';
import { routeBindings } from './routes.ts';
import { functionsRoutesInvoke } from './route-targets.ts';
import { stackVtlEngine } from './vtl-engine.ts';
import { settleStaleSessions } from './stale-sessions.ts';
import { checkStackOptions, type LocalStack, type LocalStackOptions } from './stack-options.ts';
import { stackSummary } from './stack-summary.ts';
import { checkRunnable, readStackTemplate } from './startup-checks.ts';
import { tableDefinitions } from './tables.ts';
import { workflowTaskBackends } from './workflow-tasks.ts';

export type { LocalOutputs } from './outputs.ts';
export type { LocalStack, LocalStackOptions, RequiredRouteParametersMode } from './stack-options.ts';

/** Runs template.yaml on this machine: one service per concern, composed here, stopped in reverse. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  checkStackOptions(options);
  const templateFile = resolve(options.templateFile ?? 'template.yaml');
  const region = options.region ?? DEFAULT_REGION;
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  const logs = createStackLog(options);
  const log = logs.forService('stack');
  const phase = options.onPhase ?? (() => {});
  const { template, settingsNotEmulated: templateSettings } = readStackTemplate(
    {
      templateFile,
      text: options.templateText ?? readFileSync(templateFile, 'utf8'),
      stackName: options.stackName ?? DEFAULT_STACK_NAME,
      region,
      accountId,
      ...(options.parameterOverrides ? { parameterOverrides: options.parameterOverrides } : {}),
    },
    log,
  );
  phase('template read');
  const api = apiFromTemplate(template);
  const urlSuffix = template.pseudoParameters['AWS::URLSuffix'] ?? 'amazonaws.com';
  const stage = api.stageNames[0];
  if (!stage) throw new Error(`${templateFile}: the API has no stage`);
  // Absolute: the Lambda service takes code folders (inline code is written below it) only as absolute paths.
  const bundleDir = resolve(options.bundleDir ?? join(dirname(templateFile), '.local', 'bundles'));
  const functions = planFunctions(
    functionsFromTemplate(template),
    layersFromTemplate(template),
    join(bundleDir, 'inline'),
  );
  const routes = integrationsFromTemplate(template);
  const apiKeys = apiKeysFromTemplate(template, api.apiId, stage);
  const throttles = routeThrottles(
    template,
    api.apiId,
    stage,
    routes.map((route) => route.routeKey),
  );
  const validations = requestValidationsFromTemplate(template, api.apiId);
  const readWarnings = [...templateSettings, ...apiKeys.warnings, ...validations.warnings];
  checkRunnable(template, routes, functions, readWarnings, templateFile, log);
  for (const line of apiKeySummary(apiKeys)) log(`API key ${line}`);
  // The start summary repeats every warning, the loader's and the function plan's too (a scrolled-past warning
  // is the one that explains a difference later).
  const settingsNotEmulated = [...readWarnings, ...template.warnings, ...functions.warnings];
  phase('template checked');
  const iamMode = options.iam ?? 'on';
  if (iamMode !== 'on' && iamMode !== 'off')
    throw new TypeError(`iam: ${JSON.stringify(iamMode)} must be 'on' or 'off'`);
  const iam =
    iamMode === 'on'
      ? await createStackIamGuard(template, {
          region,
          accountId,
          apiId: api.apiId,
          stage,
          log: logs.forService('iam'),
          stackName: options.stackName ?? DEFAULT_STACK_NAME,
          ...(options.iamDecisionsFile ? { decisionsFile: resolve(options.iamDecisionsFile) } : {}),
        })
      : undefined;
  phase('IAM policies loaded');
  // Services behind the gateway, stopped in reverse start order after `front` (gateway, then edge):
  // the gateway closes every connection (1001) and runs $disconnect through them first.
  const stopped: Array<() => Promise<void>> = [];
  let front: ((closeWith?: typeof SERVICE_RESTART) => Promise<void>) | undefined;
  const stopAll = async (stopOptions?: { restarting?: boolean }) => {
    const closeWith = stopOptions?.restarting === true ? SERVICE_RESTART : undefined;
    await front?.(closeWith).catch((e: unknown) => log(`stop: ${String(e)}`, 'error'));
    for (const stop of stopped.reverse()) await stop().catch((e: unknown) => log(`stop: ${String(e)}`, 'error'));
  };
  // The gateway listens before the backends start, so its port can go into the Lambda environment;
  // a client arriving meanwhile waits for them (or fails when the start fails).
  const backendsReady = deferredServices();
  try {
    const dynamodb = createDynamoDbService({
      tables: tableDefinitions(tablesFromTemplate(template)),
      port: options.ports?.dynamodb ?? 0,
      ...(options.dataDir ? { dataDir: options.dataDir, ttlSweepIntervalMs: 60_000 } : {}),
      log: logs.forService('dynamodb'),
      ...(iam
        ? {
            authorize: (authorization: string | undefined, operation: string, body: string) =>
              iam.dynamodbCall(authorization, operation, body),
          }
        : {}),
    });
    await dynamodb.start();
    phase('DynamoDB started');
    stopped.push(() => dynamodb.stop());
    // Before the gateway listens: every connection record found now belongs to an earlier run.
    const sessionsTable = tablesFromTemplate(template).find(
      (table) => table.tableName === template.outputs['Sessions'],
    );
    if (options.dataDir && sessionsTable)
      await settleStaleSessions(
        dynamodb,
        sessionsTable,
        options.staleSessions ?? 'remove',
        logs.forService('sessions'),
      );

    // The API's host, as AWS names it, is `$context.domainName`; handlers build their @connections endpoint from it
    // (or from the API id and the region): inside the sandboxes that name leads to this TLS front, which relays to
    // the gateway (local/lambda/local-api-reach.mjs). A custom domain is not emulated (local/FEATURES.md).
    const apiHost = apiHostName(api.apiId, region, urlSuffix);
    // Custom domains mapped to the stage are answered too, under their mapping key (docs/aws-behaviour.md#apigw-custom-domains).
    const customDomains = customDomainMappings(template, api.apiId, stage);
    const apiHostNames = [apiHost, ...new Set(customDomains.map((mapping) => mapping.domainName))];
    const certificate = createLocalCertificate(new Date(), undefined, apiHostNames);
    let apiPort = 0;
    const tlsFront = await startTlsFront(certificate, () => apiPort);
    stopped.push(() => tlsFront.stop());

    const accessLogFormat = stageAccessLogFormat(template, api.apiId, stage);
    const accessLog =
      accessLogFormat === undefined
        ? undefined
        : createStageAccessLog(
            accessLogFormat,
            join(options.logDir ?? join(dirname(templateFile), '.local', 'logs'), `${stage}-access.log`),
            logs,
          );
    if (accessLog) stopped.push(() => accessLog.close()); // closed last: $disconnect lines are written while the gateway stops
    // The console reads the services lazily: it exists before the gateway (whose observer it is) and the backends.
    let gatewayRef: ApiGatewayService | undefined;
    let servicesPort = 0;
    const localConsole = createLocalConsole(
      {
        connections: {
          ids: () => gatewayRef?.connections() ?? [],
          describe: (id) => gatewayRef?.describeConnection(id),
        },
        sessionRecord: (id) => readSessionRecord(dynamodb, sessionsTable, id),
        executions: () => backendsReady.current()?.stepFunctions.executions() ?? [],
        history: (arn) => backendsReady.current()?.stepFunctions.history(arn),
        manageConnection: async (method, id, body) => {
          const response = await fetch(`http://127.0.0.1:${apiPort}/${stage}/@connections/${encodeURIComponent(id)}`, {
            method,
            ...(body === undefined ? {} : { body }),
          });
          return { statusCode: response.status, body: await response.text() };
        },
        logs,
      },
      () => servicesPort,
    );
    stopped.push(async () => localConsole.close());
    const observer = combineObservers([
      accessLog && { request: (values) => accessLog.write(values) },
      localConsole.observer,
    ]);
    const gateway = createApiGatewayService({
      ...(observer ? { observer } : {}),
      port: options.ports?.api ?? 0,
      stage,
      apiId: api.apiId,
      region,
      accountId,
      routeSelectionExpression: api.routeSelectionExpression,
      domainName: apiHost,
      customDomains,
      stageVariables: api.stageVariables[stage] ?? {},
      routes: routeBindings(routes, validations.byRouteKey, throttles, options.requiredRouteParameters ?? 'enforce'),
      apiKeys: gatewayApiKeys(apiKeys),
      vtl: stackVtlEngine(routes, options.vtlEngine, logs.forService('api')),
      log: logs.forService('api'),
      ...(iam
        ? {
            authorizeConnections: (authorization: string | undefined, method: string) =>
              iam.connectionsCall(authorization, method),
          }
        : {}),
      ...(options.httpTimeouts ? { httpTimeouts: options.httpTimeouts } : {}),
      backends: {
        callAwsService: (service, action, body, credentialsArn) =>
          backendsReady.use((services) => callAwsService(services, service, action, body, credentialsArn)),
        invokeLambda: (arn, event, limits, credentialsArn) =>
          backendsReady.use((services) => invokeLambda(services, arn, event, limits, credentialsArn)),
        buildEvent: lambdaEventBuilders(api.stageVariables[stage] ?? {}),
        interruptWork: () => backendsReady.current()?.lambda.interrupt(),
      },
    });
    await gateway.start();
    phase('API gateway listening');
    gatewayRef = gateway;
    let edge: Awaited<ReturnType<typeof startEdge>>;
    // The gateway's close frames must travel out through the edge, so the edge stops after it.
    front = async (closeWith) => {
      await gateway.stop(closeWith);
      await edge?.stop();
    };
    apiPort = gateway.port; // gateway.port reads 0 once stopped; workflows still running then must fail on a closed port
    const connectionsEndpoint = `http://127.0.0.1:${apiPort}/${stage}`;

    const queues = stackQueues(template, {
      region,
      functionNames: functions.names,
      iam,
      backends: backendsReady,
      log: logs.forService('sqs'),
    });
    // Listening before the Lambda service starts, so its URL goes into the functions' environment.
    const services = await startAwsEndpoint(backendsReady, {
      ...(queues ? { sqs: queues } : {}),
      port: options.ports?.services ?? 0,
      region,
      accountId,
      iam,
      log: logs.forService('aws-api'),
      functions: invokableFunctions(functions.names, template.versionsAndAliases),
      extraRoutes: [localConsole.route],
      ...(options.httpTimeouts ? { httpTimeouts: options.httpTimeouts } : {}),
    });
    servicesPort = services.port;
    stopped.push(() => services.stop());
    const lambda = createLambdaService({
      bundleDir,
      baseEnvironment: lambdaBaseEnvironment({
        region,
        dynamodb: dynamodb.endpoint,
        connections: connectionsEndpoint,
        services: services.endpoint,
      }),
      localApi: { certificatePem: certificate.certPem, hostNames: apiHostNames, port: tlsFront.port },
      // The template's account and function names, so `context.invokedFunctionArn` is the function's ARN in the template.
      accountId,
      functions: withRoleCredentials(functions.specs, functionsFromTemplate(template), iam),
      ...(options.python ? { python: options.python } : {}),
      log: logs.forService('lambda'),
      // A client's first message should not wait for a thread to start (issue 20: cold vs warm stack).
      bootRuntimesAtStart: functionsRoutesInvoke(routes, functions.names),
    });
    await lambda.start();
    phase('Lambda functions built');
    stopped.push(() => lambda.stop());
    queues?.start(); // pollers invoke consumers once the backends are ready; stopped before the Lambda service
    if (queues) stopped.push(() => queues.stop());

    const stepFunctions = createStepFunctionsService({
      region,
      accountId,
      waitTimeScale: options.waitTimeScale ?? 1,
      stateMachines: stateMachinesFromTemplate(template).map((m) => {
        // SAM's implicit roles are named by the IAM reading of the template (none with `iam: 'off'`).
        const roleArn = m.roleArn ?? iam?.executionRoles.get(m.logicalId);
        return { arn: m.arn, name: m.name, type: m.type, definition: m.definition, ...(roleArn ? { roleArn } : {}) };
      }),
      invokeApiGateway: async (parameters, caller) =>
        (await iam?.apiGatewayTask(caller.stateMachineArn, parameters)) ?? invokeLocalApi(apiPort, parameters),
      ...workflowTaskBackends({
        lambda,
        dynamodb,
        functionNames: functions.names,
        iam: iam?.tasks,
        region,
        accountId,
        partition: template.pseudoParameters['AWS::Partition'] ?? 'aws',
      }),
      log: logs.forService('stepfunctions'),
    });
    await stepFunctions.start();
    phase('Step Functions started');
    stopped.push(() => stepFunctions.stop());
    backendsReady.resolve({ dynamodb, stepFunctions, lambda, functionNames: functions.names, iam });

    edge = await startEdge(
      template,
      { url: `ws://127.0.0.1:${apiPort}`, link: gateway },
      {
        port: options.ports?.edge ?? 0,
        log: logs.forService('edge'),
        ...(options.httpTimeouts ? { httpTimeouts: options.httpTimeouts } : {}),
        ...(options.wafWindowScale === undefined ? {} : { wafWindowScale: options.wafWindowScale }),
      },
    );
    phase('edge listening');

    const { outputs, ports } = stackSummary(template, {
      apiId: api.apiId,
      region,
      urlSuffix,
      stage,
      apiPort,
      dynamodbEndpoint: dynamodb.endpoint,
      services,
      edge,
    });
    return {
      outputs,
      unresolvedOutputs: template.unresolvedOutputs,
      ports,
      functions: { reload: lambda.reload, sources: lambda.sources },
      settingsNotEmulated,
      apiKeys: { source: apiKeySourceText(apiKeys), lines: apiKeySummary(apiKeys) },
      stop: stopAll,
    };
  } catch (error) {
    backendsReady.reject(error);
    await stopAll();
    throw error;
  }
}
