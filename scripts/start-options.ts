/**
 * `npm start` flags → startLocalStack options. Every bad value is reported with the flag, the
 * value and the rule, all at once, before anything starts.
 */
import { dirname, join } from 'node:path';
import type { LocalStackOptions } from '../local/stack/index.ts';
import { REQUIRED_ROUTE_PARAMETERS_MODES } from '../local/stack/stack-options.ts';
import { VTL_ENGINE_MODES } from '../lang/vtl/index.ts';
import { LOG_FORMATS } from '../local/shared/log-format.ts';
import { isLogLevel, LOG_LEVELS, type LogLevel } from '../local/shared/log.ts';
import { parseCommandLine, UsageError } from './cli.ts';

const FLAGS = [
  '[--edge-port N] [--api-port N] [--services-port N] [--dynamodb-port N]',
  '(defaults 3000, 3001, 3002, 8000; 0 = any free port; services: Step Functions, Lambda Invoke, console)',
  '[--data-dir DIR | --memory] [--region R] [--wait-scale F] [--waf-window-scale F] [--parameter Name=Value ...]',
  '[--local-dir DIR]  (bundles, data, logs and outputs; default .local beside the config or template)',
  '[--outputs FILE]   (default <local-dir>/outputs.json)   [--python PATH]  (default python3, for python3.x functions)',
  "[--iam on|off]     (default on: every call made for a role is evaluated against the template's IAM)",
  '[--required-parameters enforce|ignore]  (default enforce: a $connect without a Required route request parameter',
  '                   gets 400; whether API Gateway does is UNCONFIRMED)',
  '[--quiet | --verbose | --log-level debug|info|warn|error]   (default info; quiet: warnings and errors;',
  '                   verbose/debug: also each access log line)',
  '[--log-format text|json]   (default text: `service: message` lines; json: one object per line)',
  '[--watch | --no-watch]     (default: watch when run from a terminal and CI is not set; an edited handler is',
  '                   rebuilt in place, an edited config or template restarts the stack: 1012 for connections)',
  '[--timings]       (print when each start-up phase ended)',
  '[--vtl-engine compiled|interpreted]  (default compiled: mapping templates compiled at start; interpreted: velocityjs)',
];
const usage = (command: string, first: string, rest: string[]) =>
  [`usage: ${command} ${first}`, ...rest.map((line) => `${' '.repeat(command.length + 8)}${line}`)].join('\n');

const COMMON_OPTIONS = {
  'api-port': { type: 'string', default: '3001' },
  'edge-port': { type: 'string', default: '3000' },
  'dynamodb-port': { type: 'string', default: '8000' },
  'services-port': { type: 'string', default: '3002' },
  quiet: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  'log-level': { type: 'string' },
  'log-format': { type: 'string', default: 'text' },
  watch: { type: 'boolean', default: false },
  'no-watch': { type: 'boolean', default: false },
  'data-dir': { type: 'string' },
  outputs: { type: 'string' },
  memory: { type: 'boolean', default: false },
  template: { type: 'string' },
  'local-dir': { type: 'string' },
  python: { type: 'string' },
  iam: { type: 'string', default: 'on' },
  region: { type: 'string', default: 'us-east-1' },
  'wait-scale': { type: 'string', default: '1' },
  'waf-window-scale': { type: 'string', default: '1' },
  parameter: { type: 'string', multiple: true, default: [] as string[] },
  timings: { type: 'boolean', default: false },
  'vtl-engine': { type: 'string', default: 'compiled' },
  'required-parameters': { type: 'string', default: 'enforce' },
} as const;

export const START = {
  name: 'npm start',
  usage: usage('npm start --', FLAGS[0]!, [
    ...FLAGS.slice(1),
    '[--config FILE]    (default ws.config.ts; e.g. examples/ocpp/ws.config.ts)',
    "[--template FILE]  (run any SAM/CloudFormation template as it is, instead of a config's)",
  ]),
  options: { ...COMMON_OPTIONS, config: { type: 'string' } },
} as const;

/** The installed package's command: `apigw-ws-integrations local`, for a template only (no config, no generator). */
export const LOCAL = {
  name: 'apigw-ws-integrations local',
  usage: usage('apigw-ws-integrations local', `[--template FILE] ${FLAGS[0]}`, [
    ...FLAGS.slice(1),
    '(--template defaults to template.yaml in the current folder)',
  ]),
  options: COMMON_OPTIONS,
} as const;

type StartValues = ReturnType<typeof parseCommandLine<typeof START.options>>['values'];

export interface StartOptions {
  /** The config whose template runs (regenerated first when stale); undefined with `--template`. */
  configFile: string | undefined;
  /** The template that runs: the config's template.yaml, or `--template` as it is. */
  templateFile: string;
  stack: Omit<LocalStackOptions, 'templateFile'>;
  /** Where DynamoDB data lives, or undefined for memory. */
  dataDir: string | undefined;
  /** Where the stack outputs are written (the smoke suite's `--outputs`). */
  outputsFile: string;
  /** Watch mode (local/watch/): `--watch`, `--no-watch`, or on when run from a terminal outside CI. */
  watch: boolean;
  /** The folder of bundles, data, logs and outputs: never watched as code. */
  localDir: string;
  /** `--timings`: print when each start-up phase ended. */
  timings: boolean;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const PARAMETER_NAME = /^[A-Za-z0-9]+$/;

export function parseStartOptions(args: string[]): StartOptions {
  return startOptionsFrom(parseCommandLine(START, args).values);
}

/**
 * Every bad value at once, as one UsageError with a line per problem. `LOCAL`'s values have no `config`, and
 * its default is no config (`defaultConfig` null): a template alone.
 */
export function startOptionsFrom(
  values: StartValues | Omit<StartValues, 'config'>,
  defaultConfig: string | null = 'ws.config.ts',
): StartOptions {
  const config = 'config' in values ? values.config : undefined;
  const problems: string[] = [];
  const port = (name: 'api-port' | 'edge-port' | 'dynamodb-port' | 'services-port') => {
    const text = values[name];
    const value = Number(text);
    if (!/^\d+$/.test(text) || value > 65535)
      problems.push(`--${name}: must be a port number 0-65535, 0 for any free port (got ${JSON.stringify(text)})`);
    return value;
  };
  const ports = {
    edge: port('edge-port'),
    api: port('api-port'),
    dynamodb: port('dynamodb-port'),
    services: port('services-port'),
  };
  const nonZero = Object.entries(ports)
    .filter(([, value]) => value > 0)
    .map(([, value]) => value);
  if (new Set(nonZero).size !== nonZero.length) {
    problems.push(
      `--edge-port, --api-port, --dynamodb-port, --services-port: must differ (got ${ports.edge}, ${ports.api}, ${ports.dynamodb}, ${ports.services})`,
    );
  }
  const logLevel = chosenLogLevel(values, problems);
  const logFormat = LOG_FORMATS.find((format) => format === values['log-format']);
  if (logFormat === undefined)
    problems.push(`--log-format: must be ${LOG_FORMATS.join(' or ')} (got ${JSON.stringify(values['log-format'])})`);
  if (values.memory && values['data-dir'] !== undefined) problems.push('--memory and --data-dir: give one, not both');
  if (!REGION.test(values.region))
    problems.push(`--region: must be a region name such as eu-west-1 (got ${JSON.stringify(values.region)})`);
  const waitScale = Number(values['wait-scale']);
  if (!Number.isFinite(waitScale) || waitScale < 0 || values['wait-scale'].trim() === '') {
    problems.push(
      `--wait-scale: must be a number >= 0 that multiplies Wait states, e.g. 0.01 (got ${JSON.stringify(values['wait-scale'])})`,
    );
  }
  // A web ACL's rate windows are 60-600 s on AWS; a flood test or a demo shortens them without editing the config.
  const wafWindowScale = Number(values['waf-window-scale']);
  if (!Number.isFinite(wafWindowScale) || wafWindowScale <= 0 || values['waf-window-scale'].trim() === '') {
    problems.push(
      `--waf-window-scale: must be a number > 0 that multiplies the web ACL's rate-based windows, e.g. 0.01 (got ${JSON.stringify(values['waf-window-scale'])})`,
    );
  }
  const parameterOverrides = parameterPairs(values.parameter, problems);
  const iam = values.iam === 'on' || values.iam === 'off' ? values.iam : undefined;
  if (iam === undefined) problems.push(`--iam: must be on or off (got ${JSON.stringify(values.iam)})`);
  if (config !== undefined && values.template !== undefined)
    problems.push('--config and --template: give one, not both');
  if (config !== undefined && !/\.ts$/.test(config))
    problems.push(`--config: must be a ws.config.ts file (got ${JSON.stringify(config)})`);
  if (values.template !== undefined && !/\.(ya?ml|json|template)$/i.test(values.template)) {
    problems.push(
      `--template: must be a SAM or CloudFormation template file (.yaml, .yml, .json or .template) (got ${JSON.stringify(values.template)})`,
    );
  }
  if (values.python === '') problems.push('--python: must be the path or name of a Python 3 interpreter (got "")');
  if (values.watch && values['no-watch']) problems.push('--watch and --no-watch: give one, not both');
  const vtlEngine = VTL_ENGINE_MODES.find((mode) => mode === values['vtl-engine']);
  if (vtlEngine === undefined)
    problems.push(
      `--vtl-engine: must be ${VTL_ENGINE_MODES.join(' or ')} (got ${JSON.stringify(values['vtl-engine'])})`,
    );
  const requiredParameters = REQUIRED_ROUTE_PARAMETERS_MODES.find((mode) => mode === values['required-parameters']);
  if (requiredParameters === undefined)
    problems.push(
      `--required-parameters: must be ${REQUIRED_ROUTE_PARAMETERS_MODES.join(' or ')} (got ${JSON.stringify(values['required-parameters'])})`,
    );
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  const configFile = values.template !== undefined ? undefined : (config ?? defaultConfig ?? undefined);
  const templateFile =
    values.template ?? (configFile === undefined ? 'template.yaml' : join(dirname(configFile), 'template.yaml'));
  // Each app keeps its own bundles and tables beside its config or template; the project's own app keeps `.local`.
  const localDir =
    values['local-dir'] ?? (configFile === 'ws.config.ts' ? '.local' : join(dirname(templateFile), '.local'));
  const dataDir = values.memory ? undefined : (values['data-dir'] ?? join(localDir, 'data'));
  return {
    configFile,
    templateFile,
    dataDir,
    outputsFile: values.outputs ?? join(localDir, 'outputs.json'),
    watch: values.watch || (!values['no-watch'] && interactive()),
    localDir,
    timings: values.timings,
    stack: {
      ports,
      region: values.region,
      parameterOverrides,
      waitTimeScale: waitScale,
      ...(wafWindowScale === 1 ? {} : { wafWindowScale }),
      iam: iam ?? 'on',
      logLevel,
      logFormat: logFormat ?? 'text',
      // Only the non-default choice is passed on: the stack's default is 'compiled'.
      ...(vtlEngine === 'interpreted' ? { vtlEngine } : {}),
      ...(requiredParameters === 'ignore' ? { requiredRouteParameters: requiredParameters } : {}),
      bundleDir: join(localDir, 'bundles'),
      logDir: join(localDir, 'logs'),
      // What `npm run iam` reads back: each IAM decision of the run.
      ...(iam === 'off' ? {} : { iamDecisionsFile: join(localDir, 'logs', IAM_DECISIONS_FILE) }),
      ...(values.python === undefined ? {} : { python: values.python }),
      ...(dataDir ? { dataDir } : {}),
    },
  };
}

/** `--parameter Name=Value` flags → template parameter overrides; a malformed pair is a problem naming it. */
export function parameterPairs(pairs: string[], problems: string[]): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const name = pair.slice(0, at);
    if (at < 1 || !PARAMETER_NAME.test(name))
      problems.push(
        `--parameter: must be Name=Value with an alphanumeric template parameter name (got ${JSON.stringify(pair)})`,
      );
    else overrides[name] = pair.slice(at + 1);
  }
  return overrides;
}

/** The file in a run's log folder (`<local-dir>/logs`) that gets each IAM decision; `npm run iam` reads it from there. */
export const IAM_DECISIONS_FILE = 'iam-decisions.jsonl';

/** Watch mode suits a developer at a terminal, not a script, a test or CI (which read the outputs and stop the stack). */
const interactive = (): boolean =>
  process.stdout.isTTY === true && process.stdin.isTTY === true && (process.env['CI'] ?? '') === '';

/** `--quiet` (warn), `--verbose` (debug) or `--log-level`: one of them at most. */
function chosenLogLevel(values: Omit<StartValues, 'config'>, problems: string[]): LogLevel {
  const given = [
    values.quiet && '--quiet',
    values.verbose && '--verbose',
    values['log-level'] !== undefined && '--log-level',
  ].filter(Boolean);
  if (given.length > 1) problems.push(`${given.join(', ')}: give one of them, not ${given.length}`);
  if (values.quiet) return 'warn';
  if (values.verbose) return 'debug';
  const level = values['log-level'] ?? 'info';
  if (isLogLevel(level)) return level;
  problems.push(`--log-level: must be ${LOG_LEVELS.join(', ')} (got ${JSON.stringify(level)})`);
  return 'info';
}

/** Every port flag at 0: a start on any free ports (how the tests and the start-up benchmark run `npm start`). */
export const FREE_PORT_FLAGS: readonly string[] = (
  ['edge-port', 'api-port', 'dynamodb-port', 'services-port'] as const satisfies ReadonlyArray<
    keyof typeof COMMON_OPTIONS
  >
).flatMap((name) => [`--${name}`, '0']);
