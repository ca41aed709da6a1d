/**
 * Headless Chromium from Debian's package (`/usr/bin/chromium`), driven by playwright-core (no browser download).
 * Without it a test is skipped, visibly, naming `apt-get install chromium`; REQUIRE_CHROMIUM=1 (or REQUIRE_TOOLS=1,
 * set by .ci/run) makes that a failure.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const INSTALL = 'apt-get install chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export interface LaunchedChromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh browser (its own user data directory), or undefined after marking the test skipped (failing when demanded). */
export async function launchChromium(t: TestContext): Promise<LaunchedChromium | undefined> {
  if (!existsSync(CHROMIUM_PATH)) {
    const demanded = process.env['REQUIRE_CHROMIUM'] === '1' || process.env['REQUIRE_TOOLS'] === '1';
    assert.ok(!demanded, `Chromium not found at ${CHROMIUM_PATH}: install it with \`${INSTALL}\` (REQUIRE_CHROMIUM=1 demands it)`);
    t.skip(`Chromium not found at ${CHROMIUM_PATH}: install it with \`${INSTALL}\``);
    return undefined;
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
