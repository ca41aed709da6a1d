/**
 * One timed start (a process of its own, so module loading is part of it, as for `npm start`): the stack from
 * a template on free ports, in memory, with fresh bundles; then one client sends each message and waits for every
 * answer (each function's cold start). Prints one JSON line: milliseconds to ready and to all answered.
 * argv: template file, then the messages to send.
 */
const started = performance.now();
const { mkdtempSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const { default: WebSocket } = await import('ws');
const { startLocalStack } = await import('../../local/stack/index.ts');

const [templateFile, ...messages] = process.argv.slice(2);
const stack = await startLocalStack({
  templateFile,
  ports: { api: 0, edge: 0, dynamodb: 0 },
  bundleDir: mkdtempSync(join(tmpdir(), 'startup-bench-')),
  log: () => {},
});
const ready = performance.now();
// Through the edge when the template has one: its API refuses clients that skip the edge (DirectAccess).
const socket = new WebSocket(stack.outputs.Distribution ?? stack.outputs.APIEndpoint);
await new Promise((resolve, reject) => {
  socket.once('open', resolve);
  socket.once('error', reject);
});
const answers = new Promise<void>((resolve) => {
  let left = messages.length;
  socket.on('message', () => {
    left -= 1;
    if (left === 0) resolve();
  });
});
for (const message of messages) socket.send(message);
await answers;
const answered = performance.now();
socket.close();
await stack.stop();
console.log(JSON.stringify({ readyMs: ready - started, answeredMs: answered - started }));
