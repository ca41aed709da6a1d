/** `npm run bench`: every benchmark, printed as figures and ratios to a same-run baseline. */
import { benchGenerator } from '../bench/generator.ts';
import { benchLocalStack } from '../bench/local-stack/index.ts';
import { benchStartup } from '../bench/startup/index.ts';
import { benchNpmStartReady } from '../bench/startup/npm-start-ready.ts';
import { runCommand } from './cli.ts';

const BENCH = {
  name: 'npm run bench',
  usage: [
    'usage: npm run bench',
    "  Generator time per run and generate --check as a whole process; npm start's time to its outputs; the local",
    "  stack's $default echo, connection set-up through the edge and 5,000 idle connections' memory, each as a",
    "  ratio to a raw ws server measured in the same run; the start-up of a template of another app (3 Node.js functions, 1 Python) as a ratio to template.yaml's.",
  ].join('\n'),
  options: {},
} as const;

async function main(): Promise<number> {
  for (const line of await benchGenerator()) console.log(line);
  console.log('');
  for (const line of await benchLocalStack()) console.log(line);
  for (const line of (await import('../bench/vtl-render.ts')).benchVtlRender()) console.log(line);
  console.log('');
  for (const line of await benchNpmStartReady()) console.log(line);
  console.log('');
  for (const line of benchStartup()) console.log(line);
  return 0;
}

process.exitCode = await runCommand(BENCH, main);
