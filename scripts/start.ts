/**
 * `npm start`: regenerate template.yaml when stale, then run it as a local stack, print the stack
 * outputs and write them to .local/outputs.json. Ctrl-C stops cleanly ($disconnect for every open
 * connection, data flushed).
 *   --api-port N --edge-port N --dynamodb-port N   (defaults 3001, 3000, 8000; 0 = ephemeral)
 *   --data-dir DIR (default .local/data) | --memory   --region R   --wait-scale F
 *   --parameter Name=Value (repeatable)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../generator/config/index.ts';
import { loadConfigFile } from '../generator/config/load.ts';
import { renderTemplateYaml } from '../generator/index.ts';
import { startLocalStack } from '../local/stack/index.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'api-port': { type: 'string', default: '3001' }, 'edge-port': { type: 'string', default: '3000' }, 'dynamodb-port': { type: 'string', default: '8000' },
      'data-dir': { type: 'string', default: '.local/data' }, memory: { type: 'boolean', default: false },
      region: { type: 'string', default: 'us-east-1' }, 'wait-scale': { type: 'string', default: '1' }, parameter: { type: 'string', multiple: true, default: [] },
    },
  });
  const loaded = await loadConfigFile('ws.config.ts');
  const yaml = renderTemplateYaml(loaded.config, { handlers: loaded.handlers });
  if (!existsSync(loaded.templateFile) || readFileSync(loaded.templateFile, 'utf8') !== yaml) {
    writeFileSync(loaded.templateFile, yaml);
    console.log('template.yaml: regenerated from ws.config.ts');
  }
  const port = (name: string, text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`--${name}: must be a port number 0-65535 (got ${JSON.stringify(text)})`);
    return value;
  };
  const parameterOverrides = Object.fromEntries(values.parameter.map((pair) => {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`--parameter: must be Name=Value (got ${JSON.stringify(pair)})`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  }));
  if (!values.memory) mkdirSync(values['data-dir'], { recursive: true });
  const stack = await startLocalStack({
    templateFile: loaded.templateFile,
    ...(values.memory ? {} : { dataDir: values['data-dir'] }),
    ports: { api: port('api-port', values['api-port']), edge: port('edge-port', values['edge-port']), dynamodb: port('dynamodb-port', values['dynamodb-port']) },
    region: values.region, parameterOverrides, waitTimeScale: Number(values['wait-scale']),
  });
  mkdirSync('.local', { recursive: true });
  writeFileSync('.local/outputs.json', `${JSON.stringify(stack.outputs, null, 2)}\n`);
  console.log('Local stack running (outputs in .local/outputs.json):');
  for (const [key, value] of Object.entries(stack.outputs)) console.log(`  ${key.padEnd(20)} ${value}`);
  console.log(`Try: wscat -c "${stack.outputs.Distribution ?? stack.outputs.APIEndpoint}/this/is/my/custom/path/?my_query=foo"`);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping: closing connections, running $disconnect, flushing data...');
    stack.stop().then(() => process.exit(0), (error: unknown) => { console.error(error); process.exit(1); });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error instanceof Error ? error.message : error);
  process.exitCode = 2;
});
