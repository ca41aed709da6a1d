import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CfnTemplate } from '../../cfn/types.ts';
import { applyAcceptances } from '../../checks/accepted.ts';
import type { Finding } from '../../checks/finding.ts';

const wildcard = (path: string): Finding => ({
  check: 'iam/resource-wildcard',
  level: 'error',
  path,
  message: "Resource 'x*' is too broad",
});

function roleTemplate(accept: unknown): CfnTemplate {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: { Role: { Type: 'AWS::IAM::Role', Metadata: { checks: { accept: accept as never } } } },
  };
}

describe('reviewed exceptions (Metadata.checks.accept)', () => {
  const statement = 'Resources.Role.Properties.Policies[0].PolicyDocument.Statement[2]';
  const entry = {
    check: 'iam/resource-wildcard',
    at: 'Properties.Policies[0].PolicyDocument.Statement[2]',
    reason: 'AWS picks the id',
  };

  it('turns exactly the accepted finding into a warning with its reason, and leaves the others errors', () => {
    const findings = applyAcceptances(roleTemplate([entry]), [
      wildcard(`${statement}.Resource[0]`),
      wildcard('Resources.Role.Properties.Policies[0].PolicyDocument.Statement[20].Resource[0]'),
      { ...wildcard(`${statement}.Resource[0]`), check: 'iam/action-wildcard' },
    ]);
    assert.deepEqual(
      findings.map((f) => [f.level, f.check, f.path]),
      [
        ['warning', 'iam/resource-wildcard', `${statement}.Resource[0]`],
        [
          'error',
          'iam/resource-wildcard',
          'Resources.Role.Properties.Policies[0].PolicyDocument.Statement[20].Resource[0]',
        ],
        ['error', 'iam/action-wildcard', `${statement}.Resource[0]`],
      ],
    );
    assert.equal(findings[0]!.message, "accepted (AWS picks the id): Resource 'x*' is too broad");
  });

  it('fails an entry with no reason and an entry that no longer matches anything', () => {
    const findings = applyAcceptances(roleTemplate([{ ...entry, reason: ' ' }, entry]), []);
    assert.deepEqual(
      findings.map((f) => `${f.level} ${f.check} ${f.path}: ${f.message}`),
      [
        'error checks/accept Resources.Role.Metadata.checks.accept[0]: needs a string check, at and a non-empty reason (got {"check":"iam/resource-wildcard","at":"Properties.Policies[0].PolicyDocument.Statement[2]","reason":" "})',
        `error checks/accept Resources.Role.Metadata.checks.accept[1]: accepts iam/resource-wildcard at ${statement}, but no such finding occurs any more; remove the entry`,
      ],
    );
  });
});
