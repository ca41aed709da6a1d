import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '../../generator/config/index.ts';

/** The problems a raw config is refused with; fails the test when it is accepted. */
export function problemsOf(raw: unknown): string[] {
  try {
    parseConfig(raw, 'test.config.ts');
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    return error.problems;
  }
  assert.fail('the config was accepted');
}
