import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CFN_LINT, missingToolMessage, requireVariable, toolDemandedBy } from '../../checks/optional-tools.ts';
import { PYYAML } from '../support/pyyaml.ts';

describe('optional tools', () => {
  it('each tool has its own REQUIRE_ variable', () => {
    assert.equal(requireVariable(CFN_LINT), 'REQUIRE_CFN_LINT');
    assert.equal(requireVariable(PYYAML), 'REQUIRE_PYYAML');
    assert.equal(
      requireVariable({ name: 'python3 yaml', install: 'apt-get install python3-yaml' }),
      'REQUIRE_PYTHON3_YAML',
    );
  });

  it('a run demands a tool through REQUIRE_TOOLS=1 or its own variable, set to exactly 1', () => {
    assert.equal(toolDemandedBy(CFN_LINT, {}), undefined);
    assert.equal(toolDemandedBy(CFN_LINT, { REQUIRE_TOOLS: '1' }), 'REQUIRE_TOOLS=1');
    assert.equal(toolDemandedBy(CFN_LINT, { REQUIRE_CFN_LINT: '1' }), 'REQUIRE_CFN_LINT=1');
    assert.equal(
      toolDemandedBy(CFN_LINT, { REQUIRE_TOOLS: '0', REQUIRE_CFN_LINT: 'yes', REQUIRE_OTHER: '1' }),
      undefined,
    );
  });

  it('names the missing tool and how to install it', () => {
    assert.equal(missingToolMessage(CFN_LINT), 'cfn-lint not found: install it with `pip install cfn-lint`');
  });
});
