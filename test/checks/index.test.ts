import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { formatFindings, hasErrors, loadSpecDatabase, runStaticChecks, type SpecDatabase } from '../../checks/index.ts';
import type { CfnObject } from '../../cfn/types.ts';
import { cleanTemplate, props } from './fixtures.ts';

let db: SpecDatabase;
before(() => {
  db = loadSpecDatabase();
});

describe('runStaticChecks', () => {
  it('finds nothing in the clean fixture', () => {
    assert.deepEqual(runStaticChecks(cleanTemplate(), db), []);
  });

  it('combines spec, reference and IAM findings in that order', () => {
    const t = cleanTemplate();
    props(t, 'ApiLogs').RetentionDays = 7;
    props(t, 'ConnectRoute').AuthorizerId = { Ref: 'Authoriser' };
    const policies = props(t, 'TableWriteRole').Policies as CfnObject[];
    ((policies[0]!.PolicyDocument as CfnObject).Statement as CfnObject[])[0]!.Action = 'dynamodb:*';
    const findings = runStaticChecks(t, db);
    assert.deepEqual(
      findings.map((f) => f.check),
      ['spec/unknown-property', 'ref/unknown-target', 'iam/action-wildcard'],
    );
    assert.equal(hasErrors(findings), true);
    assert.equal(
      formatFindings(findings, 'template.yaml'),
      [
        "template.yaml: error spec/unknown-property Resources.ApiLogs.Properties.RetentionDays: unknown property 'RetentionDays' for AWS::Logs::LogGroup",
        "template.yaml: error ref/unknown-target Resources.ConnectRoute.Properties.AuthorizerId: Ref 'Authoriser' matches no parameter, resource or pseudo-parameter",
        "template.yaml: error iam/action-wildcard Resources.TableWriteRole.Properties.Policies[0].PolicyDocument.Statement[0].Action: Action 'dynamodb:*' contains a wildcard; list the needed actions explicitly",
      ].join('\n'),
    );
  });

  it('formats no findings as an empty string and counts warnings as non-failing', () => {
    assert.equal(formatFindings([], 'template.yaml'), '');
    assert.equal(hasErrors([{ check: 'cfn-lint:W1020', level: 'warning', path: 'Resources.X', message: 'm' }]), false);
  });
});
