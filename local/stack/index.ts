import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createApiGatewayService, type ApiGatewayService } from '../api/index.ts';
import { SERVICE_RESTART } from '../api/connection.ts';
import type { HttpTimeouts } from '../shared/client-error.ts';
import { createDynamoDbService } from '../dynamodb/index.ts';
import { createLambdaService, type LambdaService } from '../lambda/index.ts';
import { createStepFunctionsService } from '../stepfunctions/index.ts';
import {
  apiFromTemplate,
  checkProperties,
  distributionFromTemplate,
  functionsFromTemplate,
  integrationsFromTemplate,
  layersFromTemplate,
  loadLocalTemplate,
  stageAccessLogFormat,
  stateMachinesFromTemplate,
  tablesFromTemplate,
  type UnresolvedOutput,
} from '../template/index.ts';
import type { VtlEngineMode } from '../../lang/vtl/index.ts';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, DEFAULT_STACK_NAME } from '../shared/constants.ts';
import type { LogFormat } from '../shared/log-format.ts';
import type { LocalLog, LogLevel } from '../shared/log.ts';
import { collectOptionProblems } from '../shared/options.ts';
import { callAwsService, invokeLambda } from './backends.ts';
import { createLocalConsole } from '../console/index.ts';
import { createStageAccessLog } from './access-log.ts';
import { combineObservers } from './observers.ts';
import { readSessionRecord } from './session-record.ts';
import { startAwsEndpoint } from './aws-endpoint.ts';
import { deferredServices } from './deferred-services.ts';
import { createStackIamGuard, type IamMode } from './iam-guard.ts';
import { withRoleCredentials } from './iam-function-credentials.ts';
import { localOutputs, type LocalOutputs } from './outputs.ts';
import { createStackLog, stackLogProblems } from './stack-log.ts';
import { invokeLocalApi } from './connections-client.ts';
import { startEdge } from './edge.ts';
import { mappedApiDomains } from './api-domains.ts';
import { createLocalCertificate } from './local-certificate.ts';
import { startTlsFront } from './tls-front.ts';
import { apiHostName } from './api-host.ts';
import { lambdaEventBuilders } from './event-adapter.ts';
import { planFunctions } from './functions.ts';
import { unrunnableRouteTargets } from './route-targets.ts';
import { unrunnableTaskTargets } from './task-targets.ts';
import { routeBindings } from './routes.ts';
import { chooseVtlEngine, stackVtlEngine } from './vtl-engine.ts';
import { STALE_SESSIONS_MODES, settleStaleSessions, type StaleSessionsMode } from './stale-sessions.ts';
import { reportTemplate } from './template-report.ts';
import { tableDefinitions } from './tables.ts';
import { workflowTaskBackends } from './workflow-tasks.ts';

export interface LocalStackOptions {
  /** @default 'template.yaml' */
  templateFile?: string;
  /** On-disk DynamoDB data; omit for memory. @example '.local/data' */
  dataDir?: string;
  /**
   * Session records (in the `Sessions` output's table) of connections from an earlier run on `dataDir`: none of those
   * connections exists any more. 'remove' deletes them at start, 'report' only logs their count. @default 'remove'
   */
  staleSessions?: StaleSessionsMode;
  /** Where Lambda bundles (and inline code) go. @default '.local/bundles' beside the template */
  bundleDir?: string;
  /** The Python interpreter for python3.x functions. @default 'python3' */
  python?: string;
  /** Where the stage access log goes (`<stage>-access.log`, when the stage has `AccessLogSettings.Format`). @default '.local/logs' beside the template */
  logDir?: string;
  /** `services`: the local AWS endpoint (Step Functions, Lambda Invoke, the console). 0 or absent: any free port. */
  ports?: { api?: number; edge?: number; dynamodb?: number; services?: number };
  region?: string;
  accountId?: string;
  stackName?: string;
  parameterOverrides?: Record<string, string>;
  /** Header and whole-request timeouts of the API's and the edge's HTTP servers. @default 10 s and 30 s */
  httpTimeouts?: Partial<HttpTimeouts>;
  /** Multiplies Wait states (0.01 in tests). @default 1 */
  waitTimeScale?: number;
  /** Multiplies the evaluation windows of the edge web ACL's rate-based rules (0.01 in tests). @default 1 */
  wafWindowScale?: number;
  /** Evaluate the template's IAM for every call made on behalf of a role (local/FEATURES.md, "IAM"). @default 'on' */
  iam?: IamMode;
  /** With IAM on: a file that gets every IAM decision of this run, one JSON line each (`npm run iam -- --log` reads it). */
  iamDecisionsFile?: string;
  /** Gets every record at `logLevel` or louder, formatted as `logFormat` (text: `service: message`). @default stderr */
  log?: LocalLog;
  /** `debug` adds the access log lines; `warn` keeps only warnings and errors. @default 'info' */
  logLevel?: LogLevel;
  /** @default 'text' */
  logFormat?: LogFormat;
  /** The template's text, read from `templateFile` when absent (watch mode restarts with the text it last ran). */
  templateText?: string;
  /** Called as each start-up phase ends, with its name (`npm start --timings` prints when). */
  onPhase?: (phase: string) => void;
  /**
   * Mapping templates: compiled at start ('compiled'), or velocityjs only ('interpreted', to rule the compiled path
   * out). @default the APIGW_WS_VTL_ENGINE environment variable, else 'compiled'
   */
  vtlEngine?: VtlEngineMode;
}

export type { LocalOutputs } from './outputs.ts';

export interface LocalStack {
  outputs: LocalOutputs;
  /** Outputs of the template with no local value (they refer to resources that are not emulated). */
  unresolvedOutputs: UnresolvedOutput[];
  /** Template settings that run, but not as on AWS (`Resources.X.Properties.P (TYPE): why`), for the start summary. */
  settingsNotEmulated: string[];
  /** The ports it listens on (those chosen when 0 was asked), so a restart can take the same ones. */
  ports: { api: number; edge: number; dynamodb: number; services: number };
  /** The Lambda functions' code, for watch mode: what each is built from, and a rebuild the next invocation uses. */
  functions: Pick<LambdaService, 'reload' | 'sources'>;
  /** Stops everything; connections get 1001 Going away, or 1012 Service Restart with `restarting` (watch mode). */
  stop(options?: { restarting?: boolean }): Promise<void>;
}

/** Where SDK clients of services the local stack does not run are sent: a closed port (TCP port 1), never AWS. */
const NOT_EMULATED_ENDPOINT = 'http://127.0.0.1:1';

/** Runs template.yaml on this machine: one service per concern, composed here, stopped in reverse. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const problems = collectOptionProblems('startLocalStack');
  if (options.staleSessions !== undefined && !STALE_SESSIONS_MODES.includes(options.staleSessions)) {
    problems.add('staleSessions', options.staleSessions, "must be 'remove' or 'report'");
  }
  const vtlEngine = chooseVtlEngine(options.vtlEngine, problems);
  stackLogProblems(options, problems);
  if (
    options.iamDecisionsFile !== undefined &&
    (typeof options.iamDecisionsFile !== 'string' || options.iamDecisionsFile === '')
  ) {
    problems.add('iamDecisionsFile', options.iamDecisionsFile, 'must be a non-empty file path');
  }
  problems.throwIfAny();
  const templateFile = resolve(options.templateFile ?? 'template.yaml');
  const region = options.region ?? DEFAULT_REGION;
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  const logs = createStackLog(options);
  const log = logs.forService('stack');
  const phase = options.onPhase ?? (() => {});
  const madeUpSecrets: string[] = [];
  const template = loadLocalTemplate(options.templateText ?? readFileSync(templateFile, 'utf8'), {
    stackName: options.stackName ?? DEFAULT_STACK_NAME,
    region,
    accountId,
    source: templateFile,
    baseDir: dirname(templateFile),
    ...(options.parameterOverrides ? { parameterOverrides: options.parameterOverrides } : {}),
    // A secret parameter nobody chose (OriginSecret): a random one for this run, which only the template's resources know.
    secretParameterValue: (name) => {
      madeUpSecrets.push(name);
      return randomBytes(32).toString('hex');
    },
  });
  if (madeUpSecrets.length > 0)
    log(
      `parameters: ${madeUpSecrets.join(', ')}: NoEcho without a value; a random one for this run (--parameter ${madeUpSecrets[0]}=… chooses one)`,
    );
  const properties = checkProperties(template);
  if (properties.refused.length > 0) {
    throw new Error(
      `${templateFile}: settings the local stack does not emulate (it would behave otherwise than AWS):\n  ${properties.refused.join('\n  ')}`,
    );
  }
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
  const unrunnableRoutes = unrunnableRouteTargets(routes, functions.names, functions.notRun);
  const unrunnableTasks = unrunnableTaskTargets(stateMachinesFromTemplate(template), functions.names, functions.notRun);
  if (unrunnableRoutes.length + unrunnableTasks.length > 0) {
    const what = [unrunnableRoutes.length > 0 ? 'routes' : '', unrunnableTasks.length > 0 ? 'workflow Tasks' : '']
      .filter(Boolean)
      .join(' and ');
    throw new Error(
      `${templateFile}: ${what} the local stack cannot run:\n  ${[...unrunnableRoutes, ...unrunnableTasks].join('\n  ')}`,
    );
  }
  reportTemplate(template, functions, properties.warned, log);
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
    const certificate = createLocalCertificate(new Date(), undefined, [apiHost]);
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
      stageVariables: api.stageVariables[stage] ?? {},
      routes: routeBindings(routes),
      vtl: stackVtlEngine(routes, vtlEngine, logs.forService('api')),
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

    // Listening before the Lambda service starts, so its URL goes into the functions' environment.
    const services = await startAwsEndpoint(backendsReady, {
      port: options.ports?.services ?? 0,
      region,
      accountId,
      iam,
      log: logs.forService('aws-api'),
      functions: [...functions.names].map(([arn, name]) => ({ name, arn })),
      extraRoutes: [localConsole.route],
      ...(options.httpTimeouts ? { httpTimeouts: options.httpTimeouts } : {}),
    });
    servicesPort = services.port;
    stopped.push(() => services.stop());
    const lambda = createLambdaService({
      bundleDir,
      baseEnvironment: {
        AWS_REGION: region,
        AWS_DEFAULT_REGION: region,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
        AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: connectionsEndpoint,
        AWS_ENDPOINT_URL_SFN: services.endpoint,
        AWS_ENDPOINT_URL_LAMBDA: services.endpoint,
        // Clients of services that are not emulated fail on a closed loopback port instead of reaching AWS
        // (the service-specific variables above win over it in the SDKs).
        AWS_ENDPOINT_URL: NOT_EMULATED_ENDPOINT,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      localApi: { certificatePem: certificate.certPem, hostNames: [apiHost], port: tlsFront.port },
      // The template's account and function names, so `context.invokedFunctionArn` is the function's ARN in the template.
      accountId,
      functions: withRoleCredentials(functions.specs, functionsFromTemplate(template), iam),
      ...(options.python ? { python: options.python } : {}),
      log: logs.forService('lambda'),
    });
    await lambda.start();
    phase('Lambda functions built');
    stopped.push(() => lambda.stop());

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

    const outputs = localOutputs(template, {
      apiId: api.apiId,
      region,
      urlSuffix,
      apiPort,
      stage,
      dynamodb: dynamodb.endpoint,
      ...(edge
        ? {
            edge: {
              port: edge.port,
              domainName: distributionFromTemplate(template)?.domainName,
              aliases: distributionFromTemplate(template)?.aliases ?? [],
            },
          }
        : {}),
      apiDomains: mappedApiDomains(template),
      services: services.endpoint,
      consoleUrl: `${services.endpoint}/_console/`,
    });
    const ports = {
      api: apiPort,
      edge: edge?.port ?? 0,
      dynamodb: Number(new URL(dynamodb.endpoint).port),
      services: services.port,
    };
    return {
      outputs,
      unresolvedOutputs: template.unresolvedOutputs,
      ports,
      functions: { reload: lambda.reload, sources: lambda.sources },
      settingsNotEmulated: properties.warned,
      stop: stopAll,
    };
  } catch (error) {
    backendsReady.reject(error);
    await stopAll();
    throw error;
  }
}
