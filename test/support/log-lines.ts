import assert from 'node:assert/strict';

/**
 * The first of `lines` (a log the stack keeps appending to) matching `pattern`, waiting up to `waitMs` for it: some
 * lines come after the reply a test waits for (workflows log after answering). Fails listing every line seen.
 */
export async function waitForLogLine(lines: readonly string[], pattern: RegExp, waitMs: number): Promise<string> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const found = lines.find((line) => pattern.test(line));
    if (found !== undefined) return found;
    if (Date.now() > deadline) assert.fail(`no log line matches ${pattern}; lines:\n${lines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
