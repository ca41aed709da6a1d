/**
 * Every CLI in scripts/: `--help` prints the usage and exits 0; a usage error prints one line per
 * problem naming the flag and the rule, then the usage, and exits 2, with no stack trace.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { parseCommandLine, UsageError, type Command } from '../../scripts/cli.ts';

const run = (script: string, args: string[]) =>
  execa(process.execPath, ['--import', 'tsx', `scripts/${script}`, ...args], { reject: false });

interface Case {
  script: string;
  name: string;
  unknown: string;
  badValue: { args: string[]; line: string };
}

const CLIS: Case[] = [
  {
    script: 'generate.ts',
    name: 'npm run generate',
    unknown: '--check, --help',
    badValue: { args: ['--check=yes'], line: '--check: takes no value' },
  },
  {
    script: 'lint-template.ts',
    name: 'npm run lint:template',
    unknown: '--help',
    badValue: { args: ['missing.yaml'], line: 'missing.yaml: no such template file' },
  },
  {
    script: 'smoke.ts',
    name: 'npm run smoke',
    unknown: '--outputs, --stack-name, --region, --step-timeout, --callback-timeout, --identity, --help',
    badValue: {
      args: ['--outputs'],
      line: '--outputs: needs a value (write --outputs=VALUE for one that starts with -)',
    },
  },
  {
    script: 'start.ts',
    name: 'npm start',
    unknown:
      '--api-port, --edge-port, --dynamodb-port, --services-port, --quiet, --verbose, --log-level, --log-format, --watch, --no-watch, --data-dir, --outputs, --memory, --template, --local-dir, --python, --iam, --region, --wait-scale, --waf-window-scale, --parameter, --timings, --vtl-engine, --required-parameters, --config, --help',
    badValue: {
      args: ['--wait-scale', 'fast'],
      line: '--wait-scale: must be a number >= 0 that multiplies Wait states, e.g. 0.01 (got "fast")',
    },
  },
  {
    script: 'iam.ts',
    name: 'npm run iam',
    unknown: '--template, --log, --parameter, --help',
    badValue: {
      args: ['--log', 'missing.jsonl'],
      line: '--log: no such file "missing.jsonl" (npm start writes .local/logs/iam-decisions.jsonl)',
    },
  },
  {
    script: 'bench.ts',
    name: 'npm run bench',
    unknown: '--runs, --only, --help',
    badValue: {
      args: ['--runs', '0'],
      line: '--runs: must be a whole number from 1 to 10 (got "0")',
    },
  },
];

describe('npm run bench: hostile --runs and --only are refused before anything runs', () => {
  const cases: Array<[string[], string]> = [
    [['--runs', '2.5'], '--runs: must be a whole number from 1 to 10 (got "2.5")'],
    [['--runs', '11'], '--runs: must be a whole number from 1 to 10 (got "11")'],
    [['--runs', ''], '--runs: must be a whole number from 1 to 10 (got "")'],
    [
      ['--only', 'generator,../../etc'],
      '--only: "../../etc": not a bench (benches: generator, cdk-synth, npm-start, cold-warm, local-stack, vtl-render, startup)',
    ],
    [
      ['--only', ''],
      '--only: "": not a bench (benches: generator, cdk-synth, npm-start, cold-warm, local-stack, vtl-render, startup)',
    ],
  ];
  for (const [args, line] of cases)
    it(`${args.join(' ')}`, async () => {
      const result = await run('bench.ts', args);
      assert.equal(result.exitCode, 2);
      assert.equal(result.stderr.split('\n')[0], `npm run bench: ${line}`);
      assert.equal(result.stdout, '', 'no bench ran');
    });
});

describe('CLI usage', () => {
  for (const cli of CLIS) {
    it(`${cli.name}: --help, an unknown flag, a bad value`, async () => {
      const [help, unknown, bad] = await Promise.all([
        run(cli.script, ['--help']),
        run(cli.script, ['--bogus']),
        run(cli.script, cli.badValue.args),
      ]);
      assert.equal(help.exitCode, 0, help.stderr);
      assert.match(help.stdout, /^usage: /);
      assert.equal(help.stderr, '');
      const usage = help.stdout;
      assert.equal(unknown.exitCode, 2);
      assert.equal(unknown.stderr, `${cli.name}: --bogus: unknown option (options: ${cli.unknown})\n${usage}`);
      assert.equal(bad.exitCode, 2);
      assert.equal(bad.stderr, `${cli.name}: ${cli.badValue.line}\n${usage}`);
    });
  }
});

describe('parseCommandLine', () => {
  const command: Command<{ check: { type: 'boolean' }; outputs: { type: 'string' } }> = {
    name: 'tool',
    usage: 'usage: tool',
    options: { check: { type: 'boolean' }, outputs: { type: 'string' } },
  };
  const problem = (args: string[]) => {
    try {
      parseCommandLine(command, args);
    } catch (error) {
      assert.ok(error instanceof UsageError);
      return error.message;
    }
    assert.fail(`accepted ${JSON.stringify(args)}`);
  };

  it('names the flag and the rule for each kind of parse error', () => {
    assert.equal(problem(['-x']), '-x: unknown option (options: --check, --outputs, --help)');
    assert.equal(
      problem(['--outputs', '--check']),
      '--outputs: needs a value (write --outputs=VALUE for one that starts with -)',
    );
    assert.equal(
      problem(['stray']),
      'stray: unexpected argument (this command takes no arguments besides its options)',
    );
  });

  it('reads -h and --help as the help flag, and a value starting with - in the = form', () => {
    assert.equal(parseCommandLine(command, ['-h']).values.help, true);
    assert.equal(parseCommandLine(command, ['--outputs=-odd.json']).values.outputs, '-odd.json');
  });
});
