import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createApiGatewayService } from '../api/index.ts';
import type { HttpTimeouts } from '../shared/client-error.ts';
import { createDynamoDbService } from '../dynamodb/index.ts';
import { createLambdaService } from '../lambda/index.ts';
import { createStepFunctionsService } from '../stepfunctions/index.ts';
import {
  apiFromTemplate, distributionFromTemplate, functionsFromTemplate, integrationsFromTemplate, layersFromTemplate, loadLocalTemplate, stateMachinesFromTemplate, tablesFromTemplate,
  type UnresolvedOutput,
} from '../template/index.ts';
import { createVtlEngine } from '../../lang/vtl/index.ts';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, DEFAULT_STACK_NAME } from '../shared/constants.ts';
import { type LocalLog, serviceLog, stderrLog } from '../shared/log.ts';
import { collectOptionProblems } from '../shared/options.ts';
import { callAwsService, invokeLambda, type BackendServices } from './backends.ts';
import { createStackIamGuard, type IamMode } from './iam-guard.ts';
import { invokeLocalApi } from './connections-client.ts';
import { startEdge } from './edge.ts';
import { createLocalCertificate } from './local-certificate.ts';
import { startTlsFront } from './tls-front.ts';
import { lambdaEventBuilders } from './event-adapter.ts';
import { planFunctions } from './functions.ts';
import { templateOutputs } from './outputs.ts';
import { unrunnableRouteTargets } from './route-targets.ts';
import { unrunnableTaskTargets } from './task-targets.ts';
import { routeBindings } from './routes.ts';
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
  ports?: { api?: number; edge?: number; dynamodb?: number };
  region?: string;
  accountId?: string;
  stackName?: string;
  parameterOverrides?: Record<string, string>;
  /** Header and whole-request timeouts of the API's and the edge's HTTP servers. @default 10 s and 30 s */
  httpTimeouts?: Partial<HttpTimeouts>;
  /** Multiplies Wait states (0.01 in tests). @default 1 */
  waitTimeScale?: number;
  /** Evaluate the template's IAM for every call made on behalf of a role (local/FEATURES.md, "IAM"). @default 'on' */
  iam?: IamMode;
  /** Gets every service's lines, each after the service's name. @default stderr */
  log?: LocalLog;
}

/**
 * The stack-outputs contract (design.md), with local values, after every other output of the template that
 * resolves locally (its deployed endpoints turned into local ones; feature outputs such as Subprotocols as written).
 */
export type LocalOutputs = Record<'APIEndpoint' | 'ConnectionsEndpoint' | 'Region' | 'DynamoDBEndpoint', string>
  & { Distribution?: string; Sessions?: string }
  & Record<string, string>;

export interface LocalStack {
  outputs: LocalOutputs;
  /** Outputs of the template with no local value (they refer to resources that are not emulated). */
  unresolvedOutputs: UnresolvedOutput[];
  stop(): Promise<void>;
}

/** Where SDK clients of services the local stack does not run are sent: a closed port (TCP port 1), never AWS. */
const NOT_EMULATED_ENDPOINT = 'http://127.0.0.1:1';

/** Runs template.yaml on this machine: one service per concern, composed here, stopped in reverse. */
export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  if (options.staleSessions !== undefined && !STALE_SESSIONS_MODES.includes(options.staleSessions)) {
    const problems = collectOptionProblems('startLocalStack');
    problems.add('staleSessions', options.staleSessions, "must be 'remove' or 'report'");
    problems.throwIfAny();
  }
  const templateFile = resolve(options.templateFile ?? 'template.yaml');
  const region = options.region ?? DEFAULT_REGION;
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  const log = options.log ?? stderrLog();
  const template = loadLocalTemplate(readFileSync(templateFile, 'utf8'), {
    stackName: options.stackName ?? DEFAULT_STACK_NAME, region, accountId, source: templateFile, baseDir: dirname(templateFile),
    ...(options.parameterOverrides ? { parameterOverrides: options.parameterOverrides } : {}),
  });
  const api = apiFromTemplate(template);
  const stage = api.stageNames[0];
  if (!stage) throw new Error(`${templateFile}: the API has no stage`);
  // Absolute: the Lambda service takes code folders (inline code is written below it) only as absolute paths.
  const bundleDir = resolve(options.bundleDir ?? join(dirname(templateFile), '.local', 'bundles'));
  const functions = planFunctions(functionsFromTemplate(template), layersFromTemplate(template), join(bundleDir, 'inline'));
  const routes = integrationsFromTemplate(template);
  const unrunnableRoutes = unrunnableRouteTargets(routes, functions.names, functions.notRun);
  const unrunnableTasks = unrunnableTaskTargets(stateMachinesFromTemplate(template), functions.names, functions.notRun);
  if (unrunnableRoutes.length + unrunnableTasks.length > 0) {
    const what = [unrunnableRoutes.length > 0 ? 'routes' : '', unrunnableTasks.length > 0 ? 'workflow Tasks' : ''].filter(Boolean).join(' and ');
    throw new Error(`${templateFile}: ${what} the local stack cannot run:\n  ${[...unrunnableRoutes, ...unrunnableTasks].join('\n  ')}`);
  }
  reportTemplate(template, functions, log);
  const iamMode = options.iam ?? 'on';
  if (iamMode !== 'on' && iamMode !== 'off') throw new TypeError(`iam: ${JSON.stringify(iamMode)} must be 'on' or 'off'`);
  const iam = iamMode === 'on' ? await createStackIamGuard(template, { region, accountId, apiId: api.apiId, stage, log: serviceLog(log, 'iam') }) : undefined;
  // Services behind the gateway, stopped in reverse start order after `front` (gateway, then edge):
  // the gateway closes every connection (1001) and runs $disconnect through them first.
  const stopped: Array<() => Promise<void>> = [];
  let front: (() => Promise<void>) | undefined;
  const stopAll = async () => {
    for (const stop of [front, ...stopped.reverse()]) await stop?.().catch((e: unknown) => log(`stop: ${String(e)}`));
  };
  // The gateway listens before the backends start, so its port can go into the Lambda environment;
  // a client arriving meanwhile waits for them (or fails when the start fails).
  const backendsReady = deferredServices();
  try {
    const dynamodb = createDynamoDbService({
      tables: tableDefinitions(tablesFromTemplate(template)),
      port: options.ports?.dynamodb ?? 0,
      ...(options.dataDir ? { dataDir: options.dataDir, ttlSweepIntervalMs: 60_000 } : {}),
      log: serviceLog(log, 'dynamodb'),
    });
    await dynamodb.start();
    stopped.push(() => dynamodb.stop());
    // Before the gateway listens: every connection record found now belongs to an earlier run.
    const sessionsTable = tablesFromTemplate(template).find((table) => table.tableName === template.outputs['Sessions']);
    if (options.dataDir && sessionsTable) await settleStaleSessions(dynamodb, sessionsTable, options.staleSessions ?? 'remove', serviceLog(log, 'sessions'));

    // `https://{domainName}/{stage}` must reach the API (handlers build their @connections endpoint from it).
    const certificate = createLocalCertificate();
    let apiPort = 0;
    const tlsFront = await startTlsFront(certificate, () => apiPort);
    stopped.push(() => tlsFront.stop());

    const gateway = createApiGatewayService({
      port: options.ports?.api ?? 0, stage, apiId: api.apiId, region, accountId, routeSelectionExpression: api.routeSelectionExpression,
      domainName: `127.0.0.1:${tlsFront.port}`,
      routes: routeBindings(routes), vtl: createVtlEngine(), log: serviceLog(log, 'api'),
      ...(options.httpTimeouts ? { httpTimeouts: options.httpTimeouts } : {}),
      backends: {
        callAwsService: (service, action, body, credentialsArn) => backendsReady.use((services) => callAwsService(services, service, action, body, credentialsArn)),
        invokeLambda: (arn, event, limits, credentialsArn) => backendsReady.use((services) => invokeLambda(services, arn, event, limits, credentialsArn)),
        buildEvent: lambdaEventBuilders(),
        interruptWork: () => backendsReady.current()?.lambda.interrupt(),
      },
    });
    await gateway.start();
    let edge: Awaited<ReturnType<typeof startEdge>>;
    // The gateway's close frames must travel out through the edge, so the edge stops after it.
    front = async () => { await gateway.stop(); await edge?.stop(); };
    apiPort = gateway.port; // gateway.port reads 0 once stopped; workflows still running then must fail on a closed port
    const connectionsEndpoint = `http://127.0.0.1:${apiPort}/${stage}`;

    const lambda = createLambdaService({
      bundleDir,
      baseEnvironment: {
        AWS_REGION: region, AWS_DEFAULT_REGION: region, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint, AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI: connectionsEndpoint,
        // Clients of services that are not emulated fail on a closed loopback port instead of reaching AWS.
        AWS_ENDPOINT_URL: NOT_EMULATED_ENDPOINT,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
      trustedCertificate: certificate.certPem,
      // The template's account and function names, so `context.invokedFunctionArn` is the function's ARN in the template.
      accountId,
      functions: functions.specs,
      ...(options.python ? { python: options.python } : {}),
      log: serviceLog(log, 'lambda'),
    });
    await lambda.start();
    stopped.push(() => lambda.stop());

    const stepFunctions = createStepFunctionsService({
      region, accountId, waitTimeScale: options.waitTimeScale ?? 1,
      stateMachines: stateMachinesFromTemplate(template).map((m) => ({ arn: m.arn, name: m.name, type: m.type, definition: m.definition })),
      invokeApiGateway: async (parameters, caller) => (await iam?.apiGatewayTask(caller.stateMachineArn, parameters)) ?? invokeLocalApi(apiPort, parameters),
      ...workflowTaskBackends({
        lambda, dynamodb, functionNames: functions.names, iam: iam?.tasks, region, accountId, partition: template.pseudoParameters['AWS::Partition'] ?? 'aws',
      }),
      log: serviceLog(log, 'stepfunctions'),
    });
    await stepFunctions.start();
    stopped.push(() => stepFunctions.stop());
    backendsReady.resolve({ dynamodb, stepFunctions, lambda, functionNames: functions.names, iam });

    edge = await startEdge(template, { url: `ws://127.0.0.1:${apiPort}`, link: gateway }, {
      port: options.ports?.edge ?? 0, log: serviceLog(log, 'edge'), ...(options.httpTimeouts ? { httpTimeouts: options.httpTimeouts } : {}),
    });

    const urlSuffix = template.pseudoParameters['AWS::URLSuffix'] ?? 'amazonaws.com';
    const distribution = edge ? distributionFromTemplate(template)?.domainName : undefined;
    const outputs: LocalOutputs = {
      ...templateOutputs(template, {
        apiId: api.apiId, region, urlSuffix, apiPort, ...(edge && distribution ? { edge: { domainName: distribution, port: edge.port } } : {}),
      }),
      APIEndpoint: `ws://127.0.0.1:${apiPort}/${stage}`,
      ...(edge ? { Distribution: `ws://127.0.0.1:${edge.port}` } : {}),
      ConnectionsEndpoint: connectionsEndpoint,
      Region: region,
      DynamoDBEndpoint: dynamodb.endpoint,
    };
    return { outputs, unresolvedOutputs: template.unresolvedOutputs, stop: stopAll };
  } catch (error) {
    backendsReady.reject(error);
    await stopAll();
    throw error;
  }
}

/** The backend services once started; a start failure rejects it, so handshakes waiting on it end. */
function deferredServices() {
  let ready: BackendServices | undefined;
  let resolve!: (services: BackendServices) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<BackendServices>((res, rej) => {
    resolve = (services) => { ready = services; res(services); };
    reject = rej;
  });
  // Callers that never came (no client during the start) must not turn a start failure into an unhandled rejection;
  // startLocalStack rethrows the failure itself.
  promise.catch(() => undefined);
  /** Calls `work` with the services: at once once they are ready (every message goes here), else when they are. */
  const use = <T>(work: (services: BackendServices) => Promise<T>): Promise<T> => (ready !== undefined ? work(ready) : promise.then(work));
  return { promise, resolve, reject, use, current: () => ready };
}
