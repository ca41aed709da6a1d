/**
 * `npm start` flags → startLocalStack options. Every bad value is reported with the flag, the
 * value and the rule, all at once, before anything starts.
 */
import { dirname, join } from 'node:path';
import type { LocalStackOptions } from '../local/stack/index.ts';
import { LOG_FORMATS } from '../local/shared/log-format.ts';
import { isLogLevel, LOG_LEVELS, type LogLevel } from '../local/shared/log.ts';
import { parseCommandLine, UsageError } from './cli.ts';

export const START = {
  name: 'npm start',
  usage: [
    'usage: npm start -- [--edge-port N] [--api-port N] [--services-port N] [--dynamodb-port N]',
    '                    (defaults 3000, 3001, 3002, 8000; 0 = any free port; services: Step Functions, Lambda Invoke, console)',
    '                    [--data-dir DIR | --memory] [--region R] [--wait-scale F] [--parameter Name=Value ...]',
    '                    [--outputs FILE]   (default .local/outputs.json)',
    '                    [--iam on|off]     (default on: every call made for a role is evaluated against the template\'s IAM)',
    '                    [--config FILE]    (default ws.config.ts; e.g. examples/ocpp/ws.config.ts)',
    '                    [--quiet | --verbose | --log-level debug|info|warn|error]   (default info; quiet: warnings and errors;',
    '                                       verbose/debug: also each access log line)',
    '                    [--log-format text|json]   (default text: `service: message` lines; json: one object per line)',
  ].join('\n'),
  options: {
    'api-port': { type: 'string', default: '3001' }, 'edge-port': { type: 'string', default: '3000' }, 'dynamodb-port': { type: 'string', default: '8000' },
    'services-port': { type: 'string', default: '3002' },
    quiet: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false }, 'log-level': { type: 'string' },
    'log-format': { type: 'string', default: 'text' },
    'data-dir': { type: 'string' }, outputs: { type: 'string', default: '.local/outputs.json' }, memory: { type: 'boolean', default: false },
    config: { type: 'string', default: 'ws.config.ts' }, iam: { type: 'string', default: 'on' },
    region: { type: 'string', default: 'us-east-1' }, 'wait-scale': { type: 'string', default: '1' }, parameter: { type: 'string', multiple: true, default: [] as string[] },
  },
} as const;

type StartValues = ReturnType<typeof parseCommandLine<typeof START.options>>['values'];

export interface StartOptions {
  /** The config whose template runs (regenerated first when stale). */
  configFile: string;
  stack: Omit<LocalStackOptions, 'templateFile'>;
  /** Where DynamoDB data lives, or undefined for memory. */
  dataDir: string | undefined;
  /** Where the stack outputs are written (the smoke suite's `--outputs`). */
  outputsFile: string;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const PARAMETER_NAME = /^[A-Za-z0-9]+$/;

export function parseStartOptions(args: string[]): StartOptions {
  return startOptionsFrom(parseCommandLine(START, args).values);
}

/** Every bad value at once, as one UsageError with a line per problem. */
export function startOptionsFrom(values: StartValues): StartOptions {
  const problems: string[] = [];
  const port = (name: 'api-port' | 'edge-port' | 'dynamodb-port' | 'services-port') => {
    const text = values[name];
    const value = Number(text);
    if (!/^\d+$/.test(text) || value > 65535) problems.push(`--${name}: must be a port number 0-65535, 0 for any free port (got ${JSON.stringify(text)})`);
    return value;
  };
  const ports = { edge: port('edge-port'), api: port('api-port'), dynamodb: port('dynamodb-port'), services: port('services-port') };
  const nonZero = Object.entries(ports).filter(([, value]) => value > 0).map(([, value]) => value);
  if (new Set(nonZero).size !== nonZero.length) {
    problems.push(`--edge-port, --api-port, --dynamodb-port, --services-port: must differ (got ${ports.edge}, ${ports.api}, ${ports.dynamodb}, ${ports.services})`);
  }
  const logLevel = chosenLogLevel(values, problems);
  const logFormat = LOG_FORMATS.find((format) => format === values['log-format']);
  if (logFormat === undefined) problems.push(`--log-format: must be ${LOG_FORMATS.join(' or ')} (got ${JSON.stringify(values['log-format'])})`);
  if (values.memory && values['data-dir'] !== undefined) problems.push('--memory and --data-dir: give one, not both');
  if (!REGION.test(values.region)) problems.push(`--region: must be a region name such as eu-west-1 (got ${JSON.stringify(values.region)})`);
  const waitScale = Number(values['wait-scale']);
  if (!Number.isFinite(waitScale) || waitScale < 0 || values['wait-scale'].trim() === '') {
    problems.push(`--wait-scale: must be a number >= 0 that multiplies Wait states, e.g. 0.01 (got ${JSON.stringify(values['wait-scale'])})`);
  }
  const parameterOverrides: Record<string, string> = {};
  for (const pair of values.parameter) {
    const at = pair.indexOf('=');
    const name = pair.slice(0, at);
    if (at < 1 || !PARAMETER_NAME.test(name)) problems.push(`--parameter: must be Name=Value with an alphanumeric template parameter name (got ${JSON.stringify(pair)})`);
    else parameterOverrides[name] = pair.slice(at + 1);
  }
  const iam = values.iam === 'on' || values.iam === 'off' ? values.iam : undefined;
  if (iam === undefined) problems.push(`--iam: must be on or off (got ${JSON.stringify(values.iam)})`);
  if (!/\.ts$/.test(values.config)) problems.push(`--config: must be a ws.config.ts file (got ${JSON.stringify(values.config)})`);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  // Each app keeps its own tables: another config's data lives beside that config.
  const defaultDataDir = values.config === 'ws.config.ts' ? '.local/data' : join(dirname(values.config), '.local', 'data');
  const dataDir = values.memory ? undefined : values['data-dir'] ?? defaultDataDir;
  return {
    configFile: values.config,
    dataDir,
    outputsFile: values.outputs,
    stack: {
      ports, region: values.region, parameterOverrides, waitTimeScale: waitScale, iam: iam ?? 'on', logLevel, logFormat: logFormat ?? 'text',
      ...(dataDir ? { dataDir } : {}),
    },
  };
}

/** `--quiet` (warn), `--verbose` (debug) or `--log-level`: one of them at most. */
function chosenLogLevel(values: StartValues, problems: string[]): LogLevel {
  const given = [values.quiet && '--quiet', values.verbose && '--verbose', values['log-level'] !== undefined && '--log-level'].filter(Boolean);
  if (given.length > 1) problems.push(`${given.join(', ')}: give one of them, not ${given.length}`);
  if (values.quiet) return 'warn';
  if (values.verbose) return 'debug';
  const level = values['log-level'] ?? 'info';
  if (isLogLevel(level)) return level;
  problems.push(`--log-level: must be ${LOG_LEVELS.join(', ')} (got ${JSON.stringify(level)})`);
  return 'info';
}
