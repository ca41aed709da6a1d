/**
 * Command lines of the scripts/ CLIs, on `node:util` parseArgs: `--help`/`-h` prints the usage and
 * exits 0; a usage error (an unknown flag, a missing or unwanted value, a stray argument, or a bad
 * value the command itself refuses) prints one line per problem naming the flag and the rule, then
 * the usage, and exits 2. Never a stack trace for something the user typed.
 */
import { parseArgs } from 'node:util';

type Options = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/** One CLI: how users call it, and its flags (`--help` is added). */
export interface Command<O extends Options> {
  /** As users type it, e.g. `npm run generate`: the prefix of every error line. */
  name: string;
  usage: string;
  options: O;
  allowPositionals?: boolean;
}

/** Something the user typed is wrong; the message names the flag (or argument) and the rule. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseCommandLine<const O extends Options>(command: Command<O>, args: string[]) {
  try {
    return parseArgs({
      args,
      options: { ...command.options, ...HELP },
      allowPositionals: command.allowPositionals ?? false,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(describeParseError(error, Object.keys(command.options)));
  }
}

/** parseArgs' errors, rewritten as `flag: rule` (its own texts differ between Node versions). */
function describeParseError(error: unknown, flags: string[]): string {
  const { code, message } = error as { code?: string; message: string };
  const quoted = /'(-{0,2}[^' ]+)/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${quoted}: unknown option (options: ${[...flags, 'help'].map((flag) => `--${flag}`).join(', ')})`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take/.test(message)
        ? `${quoted}: takes no value`
        : `${quoted}: needs a value (write ${quoted}=VALUE for one that starts with -)`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `${quoted}: unexpected argument (this command takes no arguments besides its options)`;
    default:
      return message.split('\n')[0]!;
  }
}

/**
 * Runs a CLI: `--help` prints the usage (exit 0); a UsageError from parsing or from `main` prints
 * `name: problem` lines and the usage on stderr (exit 2). Other errors are the caller's to report.
 */
export async function runCommand<const O extends Options>(
  command: Command<O>,
  main: (parsed: ReturnType<typeof parseCommandLine<O>>) => Promise<number>,
  args: string[] = process.argv.slice(2),
): Promise<number> {
  try {
    const parsed = parseCommandLine(command, args);
    if ((parsed.values as { help?: boolean }).help === true) {
      console.log(command.usage);
      return 0;
    }
    return await main(parsed);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(
      `${error.message
        .split('\n')
        .map((line) => `${command.name}: ${line}`)
        .join('\n')}\n${command.usage}`,
    );
    return 2;
  }
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * `runCommand` as a process's whole life: the exit code it returns, or, for an error that is not a usage error,
 * the error printed (by default `name: message`; `describe` may return the error itself, for its stack) and
 * `failureExitCode`.
 */
export function runCommandAsProcess<const O extends Options>(
  command: Command<O>,
  main: (parsed: ReturnType<typeof parseCommandLine<O>>) => Promise<number>,
  failureExitCode: 1 | 2,
  describe: (error: unknown) => unknown = (error) => `${command.name}: ${errorText(error)}`,
  whenDone: 'wait-for-event-loop' | 'exit-at-once' = 'wait-for-event-loop',
): void {
  runCommand(command, main).then(
    (code) => {
      // A command that leaves nothing running may exit at once: waiting for the event loop to drain cost
      // `generate --check` about 10 ms of its 300 ms budget (issue 20). Only when its output has been handed to the
      // system: writes to a pipe can be asynchronous on POSIX (Node's "A note on process I/O"), and exiting before
      // they finish would lose them. 'exit' handlers (the code cache) still run.
      const outputWritten = process.stdout.writableLength === 0 && process.stderr.writableLength === 0;
      if (whenDone === 'exit-at-once' && outputWritten) process.exit(code);
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(describe(error));
      process.exitCode = failureExitCode;
    },
  );
}
