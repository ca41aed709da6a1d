/**
 * The SAM policy templates the local stack encodes, expanded next to the SAM translator's own
 * policy_templates.json (installed with cfn-lint): same statements for the same parameters. Without the
 * translator the comparison is skipped visibly, and fails where the run demands cfn-lint (REQUIRE_TOOLS=1 in CI),
 * as the cfn-lint step does.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { CFN_LINT } from '../../../checks/optional-tools.ts';
import { expandPolicyTemplate, isSamPolicyTemplateName, SAM_POLICY_TEMPLATES } from '../../../local/iam/index.ts';
import { skipWithoutTool } from '../../support/optional-tool.ts';

const PSEUDO = { 'AWS::Partition': 'aws', 'AWS::Region': 'eu-west-1', 'AWS::AccountId': '210987654321' } as const;

interface TranslatorTemplate {
  Parameters?: Record<string, unknown>;
  Definition: { Statement: unknown[] };
}

/** The installed translator's templates, or why there are none. */
function translatorTemplates(): Record<string, TranslatorTemplate> | string {
  const probe = spawnSync(
    'python3',
    [
      '-c',
      'import samtranslator, os; print(os.path.join(os.path.dirname(samtranslator.__file__), "policy_templates_data", "policy_templates.json"))',
    ],
    { encoding: 'utf8' },
  );
  if (probe.error || probe.status !== 0)
    return `aws-sam-translator: ${probe.error?.message ?? probe.stderr.trim().split('\n').at(-1)}`;
  return JSON.parse(readFileSync(probe.stdout.trim(), 'utf8')).Templates;
}

/** SAM's own expansion: `Ref` of a template parameter → its value, then `Fn::Sub` with the pseudo parameters. */
function samExpand(node: unknown, values: Record<string, string>): unknown {
  if (Array.isArray(node)) return node.map((item) => samExpand(item, values));
  if (typeof node !== 'object' || node === null) return node;
  const record = node as Record<string, unknown>;
  if (typeof record['Ref'] === 'string') return values[record['Ref']];
  if (record['Fn::Sub'] !== undefined) {
    const [text, variables] = Array.isArray(record['Fn::Sub'])
      ? (record['Fn::Sub'] as [string, Record<string, unknown>])
      : [record['Fn::Sub'] as string, {}];
    const bound: Record<string, string> = { ...PSEUDO };
    for (const [name, value] of Object.entries(variables)) bound[name] = String(samExpand(value, values));
    return text.replace(/\$\{([^}]+)\}/g, (whole, key: string) => bound[key] ?? whole);
  }
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, samExpand(value, values)]));
}

const asList = <T>(value: T | T[]): T[] => [value].flat() as T[];
const normalize = (statements: unknown[]) =>
  statements.map((statement) => {
    const { Action, Resource, Effect } = statement as Record<string, unknown>;
    return { Effect, Action: asList(Action), Resource: asList(Resource) };
  });

describe('SAM policy templates', () => {
  it('expand as the installed SAM translator expands them', (t) => {
    const templates = translatorTemplates();
    // The SAM translator comes with cfn-lint, and is demanded with it.
    if (typeof templates === 'string') {
      skipWithoutTool(t, CFN_LINT, false, templates);
      return;
    }
    for (const [name, ours] of Object.entries(SAM_POLICY_TEMPLATES)) {
      const theirs: TranslatorTemplate | undefined = templates[name];
      assert.ok(theirs, `${name} is not a template of the installed translator`);
      assert.deepEqual(Object.keys(theirs.Parameters ?? {}).sort(), [...ours.parameters].sort(), `${name}: parameters`);
      const values = Object.fromEntries(ours.parameters.map((p) => [p, `value-of-${p}`]));
      const expansion = expandPolicyTemplate(name, values, PSEUDO);
      assert.equal(expansion.kind, 'expanded');
      assert.deepEqual(
        expansion.kind === 'expanded' && normalize(asList(expansion.document.Statement)),
        normalize(samExpand(theirs.Definition.Statement, values) as unknown[]),
        name,
      );
    }
    for (const name of Object.keys(templates))
      assert.ok(isSamPolicyTemplateName(name), `${name}: missing from the list of SAM template names`);
  });

  it('refuses what SAM refuses, in its words, and names templates it has no data for', () => {
    assert.deepEqual(expandPolicyTemplate('DynamoDBCrudPolicy', {}, PSEUDO), {
      kind: 'invalid',
      message: "Following required parameters of template 'DynamoDBCrudPolicy' don't have values: [\"TableName\"]",
    });
    assert.deepEqual(expandPolicyTemplate('DynamoDBCrudPolicy', 'Sessions', PSEUDO), {
      kind: 'invalid',
      message: "Must specify valid parameter values for policy template 'DynamoDBCrudPolicy'",
    });
    assert.deepEqual(expandPolicyTemplate('DynamoDBCrudPolicy', { TableName: { 'Fn::ImportValue': 'x' } }, PSEUDO), {
      kind: 'invalid',
      message:
        'parameters of template \'DynamoDBCrudPolicy\' must resolve to strings: TableName={"Fn::ImportValue":"x"}',
    });
    assert.deepEqual(expandPolicyTemplate('RekognitionLabelsPolicy', {}, PSEUDO), { kind: 'unsupported' });
    assert.deepEqual(expandPolicyTemplate('__proto__', {}, PSEUDO), {
      kind: 'invalid',
      message: '"__proto__" is not a SAM policy template',
    });
  });

  it('substitutes a value once: a value holding ${...} stays as written', () => {
    const expansion = expandPolicyTemplate(
      'DynamoDBReadPolicy',
      { TableName: '${AWS::Region}', Extra: 'ignored' },
      PSEUDO,
    );
    assert.ok(expansion.kind === 'expanded');
    assert.deepEqual(asList(expansion.document.Statement)[0]?.Resource, [
      'arn:aws:dynamodb:eu-west-1:210987654321:table/${AWS::Region}',
      'arn:aws:dynamodb:eu-west-1:210987654321:table/${AWS::Region}/index/*',
    ]);
  });
});
