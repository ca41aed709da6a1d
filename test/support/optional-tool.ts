import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { missingToolMessage, toolDemandedBy, type OptionalTool } from '../../checks/optional-tools.ts';

/**
 * For a test that needs an external tool (checks/optional-tools.ts), once it knows whether the
 * tool is installed. Without it, the test is marked skipped with the tool and how to install it
 * (the reporter prints `# cfn-lint not found: install it with …` and counts it under "skipped"),
 * or fails when the run demands the tool (REQUIRE_TOOLS=1 in CI). Returns true when the test must
 * stop there; what the test checked before the call still counts. `detail` says what the probe
 * saw (e.g. python3's ImportError).
 * @example if (skipWithoutTool(t, CFN_LINT, report.cfnLint.status === 'ran')) return;
 */
export function skipWithoutTool(t: TestContext, tool: OptionalTool, installed: boolean, detail?: string): boolean {
  if (installed) return false;
  const message = `${missingToolMessage(tool)}${detail === undefined ? '' : ` (${detail})`}`;
  const demandedBy = toolDemandedBy(tool);
  if (demandedBy !== undefined) assert.fail(`${message} (${demandedBy} demands it)`);
  t.skip(message);
  return true;
}
