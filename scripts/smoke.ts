/**
 * `npm run smoke -- --outputs FILE` or `-- --stack-name NAME [--region R]`: runs the smoke suite
 * (smoke/run.test.ts) against the stack those outputs describe. Exit code: the suite's; 2 on bad usage.
 */
import { spawnSync } from 'node:child_process';
import { describeStackOutputs } from '../smoke/cloudformation.ts';
import { missingSettings } from '../smoke/features.ts';
import { readOutputsFile, type StackOutputs } from '../smoke/outputs.ts';
import { DEFAULT_SMOKE_SETTINGS } from '../smoke/settings.ts';
import { runCommandAsProcess, UsageError } from './cli.ts';
import { packageFile } from '../shared/package-file.ts';

const SMOKE = {
  name: 'npm run smoke',
  usage:
    'usage: npm run smoke -- --outputs FILE | --stack-name NAME [--region REGION] [--identity ID] [--step-timeout MS] [--callback-timeout MS]; credentials for an authorized $connect come from SMOKE_AUTHORIZATION',
  options: {
    outputs: { type: 'string' },
    'stack-name': { type: 'string' },
    region: { type: 'string' },
    'step-timeout': { type: 'string' },
    'callback-timeout': { type: 'string' },
    identity: { type: 'string' },
  },
} as const;

function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new UsageError(`--${name}: must be a positive integer of milliseconds (got ${JSON.stringify(value)})`);
  return parsed;
}

async function resolveOutputs(values: {
  outputs?: string;
  'stack-name'?: string;
  region?: string;
}): Promise<StackOutputs> {
  if (values.outputs !== undefined && values['stack-name'] !== undefined)
    throw new UsageError('--outputs and --stack-name: give one, not both');
  if (values.outputs !== undefined) return readOutputsFile(values.outputs);
  if (values['stack-name'] !== undefined) {
    return describeStackOutputs({
      stackName: values['stack-name'],
      ...(values.region ? { region: values.region } : {}),
    });
  }
  throw new UsageError('no target: give --outputs FILE (a local stack: .local/outputs.json) or --stack-name NAME');
}

type SmokeValues = { [K in keyof typeof SMOKE.options]?: string };

async function main({ values }: { values: SmokeValues }): Promise<number> {
  const stepTimeoutMs = positiveInteger('step-timeout', values['step-timeout']);
  const callbackTimeoutMs = positiveInteger('callback-timeout', values['callback-timeout']);
  const outputs = await resolveOutputs(values);
  // Credentials come from the environment, never argv: process lists and CI logs show arguments.
  const authorization = process.env['SMOKE_AUTHORIZATION'];
  const settings = {
    ...(stepTimeoutMs ? { stepTimeoutMs } : {}),
    ...(callbackTimeoutMs ? { callbackTimeoutMs } : {}),
    ...(values.identity !== undefined ? { identity: values.identity } : {}),
    ...(authorization ? { authorization } : {}),
  };
  const missing = missingSettings(outputs, { ...DEFAULT_SMOKE_SETTINGS, ...settings });
  if (missing.length > 0) throw new UsageError(missing.join('; '));
  console.log(
    `smoke: ${outputs.Distribution} (edge), ${outputs.APIEndpoint} (API), table ${outputs.Sessions} in ${outputs.Region}`,
  );
  // A runner inherited from a parent `node --test` (NODE_TEST_CONTEXT) would swallow this run's report.
  const { NODE_TEST_CONTEXT: _parentRunner, ...environment } = process.env;
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', packageFile(import.meta.url, 'smoke/run.test.ts')],
    {
      stdio: 'inherit',
      env: {
        ...environment,
        SMOKE_OUTPUTS: JSON.stringify(outputs),
        SMOKE_SETTINGS: JSON.stringify(settings),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    },
  );
  return result.status ?? 1;
}

runCommandAsProcess(SMOKE, main, 2);
