/**
 * Issue 13, "Browsers: origins checked": a real browser (Chromium) from a page on an allowed origin and from a page
 * on another one (two local HTTP servers on different ports) opens a WebSocket. Through the edge, the other site's
 * page is refused with 403 (the CloudFront Function) and nothing is stored; the allowed page connects and its
 * session record shows the Origin the API saw. With direct access allowed, the API's own `$connect` check refuses
 * the other page as well (the VTL path: a failed integration, 500 locally; AWS's status is UNCONFIRMED).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { LocalStack } from '../../local/stack/index.ts';
import { launchChromium, type LaunchedChromium } from '../support/chromium.ts';
import { startStackFromConfig } from '../support/generated-stack.ts';
import { openSessions } from './example-stacks.ts';

const WAIT_MS = 15_000;

/** A page that opens a WebSocket to `?ws=` and reports what happened; it sends one message and reads the echo. */
const PAGE = `<!doctype html><title>origin test</title><script>
window.outcome = new Promise((resolve) => {
  const socket = new WebSocket(new URLSearchParams(location.search).get('ws'));
  socket.onopen = () => socket.send('hello from ' + location.origin);
  socket.onmessage = (event) => { resolve({ opened: true, echo: JSON.parse(event.data).body }); socket.close(); };
  socket.onclose = (event) => resolve({ opened: false, code: event.code });
});
</script>`;

async function pageServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('a browser page from an allowed origin connects, one from another site is refused', () => {
  let allowed: { server: Server; origin: string };
  let other: { server: Server; origin: string };
  const stacks: LocalStack[] = [];
  before(async () => {
    allowed = await pageServer();
    other = await pageServer();
  });
  after(async () => {
    await Promise.all(stacks.map((stack) => stack.stop()));
    for (const page of [allowed, other]) page?.server.close();
  });

  /** Opens the page of `from` in the browser; it connects to `ws`. The browser's console says why a handshake failed. */
  async function visit(
    browser: LaunchedChromium,
    from: string,
    ws: string,
  ): Promise<{ opened: boolean; echo?: string; code?: number; console: string[] }> {
    const page = await browser.context.newPage();
    const console: string[] = [];
    page.on('console', (message) => console.push(message.text()));
    try {
      await page.goto(`${from}/?ws=${encodeURIComponent(ws)}`);
      const outcome = await page.evaluate(
        () =>
          (globalThis as unknown as { outcome: Promise<{ opened: boolean; echo?: string; code?: number }> }).outcome,
      );
      return { ...outcome, console };
    } finally {
      await page.close();
    }
  }

  const startStack = async (edge: { allowDirectAccess: boolean }) => {
    const stack = await startStackFromConfig({
      routes: { $default: { integration: 'lambda', handler: 'handlers/default.ts' } },
      connect: { allowedOrigins: [allowed.origin] },
      edge,
    });
    stacks.push(stack);
    return stack;
  };

  it('through the edge: 403 for the other site, nothing stored; the allowed page connects with its Origin on record', {
    timeout: 4 * WAIT_MS,
  }, async (t) => {
    const browser = await launchChromium(t);
    if (browser === undefined) return;
    const stack = await startStack({ allowDirectAccess: false });
    const sessions = openSessions(stack.outputs);
    try {
      const refused = await visit(browser, other.origin, `${stack.outputs.Distribution}/chat`);
      assert.equal(refused.opened, false);
      assert.ok(
        refused.console.some((line) => line.includes('Unexpected response code: 403')),
        refused.console.join('\n'),
      );
      assert.deepEqual(await sessions.ids(), [], 'the refused page left a session record');

      const accepted = await visit(browser, allowed.origin, `${stack.outputs.Distribution}/chat`);
      assert.deepEqual(
        { opened: accepted.opened, echo: accepted.echo },
        { opened: true, echo: `hello from ${allowed.origin}` },
      );
    } finally {
      sessions.close();
      await browser.close();
    }
  });

  it("with direct access allowed, the API's own $connect refuses the other site (nothing stored) and lets the allowed page in", {
    timeout: 4 * WAIT_MS,
  }, async (t) => {
    const browser = await launchChromium(t);
    if (browser === undefined) return;
    const stack = await startStack({ allowDirectAccess: true });
    const sessions = openSessions(stack.outputs);
    try {
      const refused = await visit(browser, other.origin, stack.outputs.APIEndpoint);
      assert.equal(refused.opened, false);
      assert.ok(
        refused.console.some((line) => line.includes('Unexpected response code: 500')),
        refused.console.join('\n'),
      );
      assert.deepEqual(await sessions.ids(), []);
      const accepted = await visit(browser, allowed.origin, stack.outputs.APIEndpoint);
      assert.equal(accepted.opened, true, accepted.console.join('\n'));
    } finally {
      sessions.close();
      await browser.close();
    }
  });
});
