import type { VtlEngineMode } from '../../lang/vtl/index.ts';
import type { HttpTimeouts } from '../shared/client-error.ts';
import type { LambdaService } from '../lambda/index.ts';
import type { LogFormat } from '../shared/log-format.ts';
import type { LocalLog, LogLevel } from '../shared/log.ts';
import { collectOptionProblems } from '../shared/options.ts';
import type { UnresolvedOutput } from '../template/index.ts';
import type { IamMode } from './iam-guard.ts';
import type { LocalOutputs } from './outputs.ts';
import { stackLogProblems } from './stack-log.ts';
import { STALE_SESSIONS_MODES, type StaleSessionsMode } from './stale-sessions.ts';
import { chooseVtlEngine } from './vtl-engine.ts';

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
  /**
   * A `$connect` without a route request parameter declared `Required: true`: answered 400 before its integration
   * ('enforce'), or let through as if the parameter were optional ('ignore'). Whether API Gateway enforces
   * `Required` on WebSocket routes is UNCONFIRMED (docs/aws-behaviour.md#apigw-request-parameters). @default 'enforce'
   */
  requiredRouteParameters?: RequiredRouteParametersMode;
}

export const REQUIRED_ROUTE_PARAMETERS_MODES = ['enforce', 'ignore'] as const;
export type RequiredRouteParametersMode = (typeof REQUIRED_ROUTE_PARAMETERS_MODES)[number];

export interface LocalStack {
  outputs: LocalOutputs;
  /** Outputs of the template with no local value (they refer to resources that are not emulated). */
  unresolvedOutputs: UnresolvedOutput[];
  /** Template settings that run, but not as on AWS (`Resources.X.Properties.P (TYPE): why`), for the start summary. */
  settingsNotEmulated: string[];
  /** The template's API keys for the start summary (values included: a key without `Value` gets a local stand-in). */
  apiKeys: { source: string; lines: string[] };
  /** The ports it listens on (those chosen when 0 was asked), so a restart can take the same ones. */
  ports: { api: number; edge: number; dynamodb: number; services: number };
  /** The Lambda functions' code, for watch mode: what each is built from, and a rebuild the next invocation uses. */
  functions: Pick<LambdaService, 'reload' | 'sources'>;
  /** Stops everything; connections get 1001 Going away, or 1012 Service Restart with `restarting` (watch mode). */
  stop(options?: { restarting?: boolean }): Promise<void>;
}

/** Every problem of the options at once (local/shared/options.ts), before anything is read or started. */
export function checkStackOptions(options: LocalStackOptions): void {
  const problems = collectOptionProblems('startLocalStack');
  if (options.staleSessions !== undefined && !STALE_SESSIONS_MODES.includes(options.staleSessions)) {
    problems.add('staleSessions', options.staleSessions, "must be 'remove' or 'report'");
  }
  stackLogProblems(options, problems);
  chooseVtlEngine(options.vtlEngine, problems);
  if (
    options.requiredRouteParameters !== undefined &&
    !REQUIRED_ROUTE_PARAMETERS_MODES.includes(options.requiredRouteParameters)
  ) {
    problems.add('requiredRouteParameters', options.requiredRouteParameters, "must be 'enforce' or 'ignore'");
  }
  if (
    options.iamDecisionsFile !== undefined &&
    (typeof options.iamDecisionsFile !== 'string' || options.iamDecisionsFile === '')
  ) {
    problems.add('iamDecisionsFile', options.iamDecisionsFile, 'must be a non-empty file path');
  }
  problems.throwIfAny();
}
