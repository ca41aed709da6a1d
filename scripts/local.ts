/**
 * The installed package's command line (bin/apigw-ws-integrations.mjs): `apigw-ws-integrations local
 * [--template FILE] [flags]` runs a SAM/CloudFormation template as a local stack. It needs no ws.config.ts
 * and imports nothing of the generator. Flags: LOCAL.usage.
 */
import { runCommand, UsageError } from './cli.ts';
import { runLocalStack } from './run-local-stack.ts';
import { LOCAL, startOptionsFrom } from './start-options.ts';

const COMMANDS = ['local'] as const;

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'local') {
    return runCommand(
      LOCAL,
      async ({ values }) => {
        await runLocalStack(startOptionsFrom(values, null));
        return 0;
      },
      rest,
    );
  }
  if (command === undefined || command === '--help' || command === '-h') {
    console.log(LOCAL.usage);
    return 0;
  }
  console.error(
    `apigw-ws-integrations: ${command}: unknown command (commands: ${COMMANDS.join(', ')})\n${LOCAL.usage}`,
  );
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof UsageError || error instanceof Error ? error.message : error);
    process.exitCode = 2;
  },
);
