/**
 * `npm run release-gate -- --stack-name NAME [--region R] [--watch-seconds S] [--interval-seconds S]`: after the
 * smoke suite, fails (exit 1) when one of the stack's release-gate alarms is in ALARM, now or during the watch
 * window (smoke/release-gate.ts). Exit 2 on bad usage or when the stack cannot be read.
 */
import { runReleaseGate } from '../smoke/release-gate.ts';
import { runCommandAsProcess, UsageError } from './cli.ts';

const RELEASE_GATE = {
  name: 'npm run release-gate',
  usage:
    'usage: npm run release-gate -- --stack-name NAME [--region REGION] [--watch-seconds 0] [--interval-seconds 30]',
  options: {
    'stack-name': { type: 'string' },
    region: { type: 'string' },
    'watch-seconds': { type: 'string', default: '0' },
    'interval-seconds': { type: 'string', default: '30' },
  },
} as const;

function wholeSeconds(name: string, value: string, minimum: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum || parsed > 3600)
    throw new UsageError(
      `--${name}: must be a whole number of seconds from ${minimum} to 3600 (got ${JSON.stringify(value)})`,
    );
  return parsed;
}

type Values = { [K in keyof typeof RELEASE_GATE.options]?: string };

async function main({ values }: { values: Values }): Promise<number> {
  const stackName = values['stack-name'];
  if (stackName === undefined)
    throw new UsageError('--stack-name: required (the deployed stack whose alarms gate the release)');
  return runReleaseGate({
    stackName,
    ...(values.region ? { region: values.region } : {}),
    watchSeconds: wholeSeconds('watch-seconds', values['watch-seconds'] ?? '0', 0),
    intervalSeconds: wholeSeconds('interval-seconds', values['interval-seconds'] ?? '30', 1),
    log: (line) => console.log(line),
  });
}

runCommandAsProcess(RELEASE_GATE, main, 2);
