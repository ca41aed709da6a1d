import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadLocalTemplate, stateMachineDefinition, stateMachinesFromTemplate } from '../../../local/template/index.ts';
import { STACK, TEMPLATE_FILES, load, rawTemplate, yamlTemplate } from './fixtures.ts';

describe('state machines', () => {
  it('applies DefinitionSubstitutions and leaves JSONPath and States.Format untouched', () => {
    const template = load(TEMPLATE_FILES.main, { apiId: 'fedcba9876', parameterOverrides: { ApiStageName: 'live' } });
    const written = rawTemplate(TEMPLATE_FILES.main).Resources.AsyncSfnStateMachine.Properties.Definition;
    const definition = stateMachineDefinition(template.resources.get('AsyncSfnStateMachine')!) as any;
    const notify = definition.States['Notify Client'];
    assert.equal(notify.Parameters.ApiEndpoint, `fedcba9876.execute-api.${STACK.region}.amazonaws.com`);
    assert.equal(notify.Parameters.Stage, 'live');
    assert.equal(notify.Parameters['Path.$'], written.States['Notify Client'].Parameters['Path.$']);
    assert.equal(notify.Catch[0].ResultPath, '$.notifyError');
    // Apart from the two placeholders the definition is exactly what the template says.
    const restored = JSON.parse(
      JSON.stringify(definition)
        .replace(notify.Parameters.ApiEndpoint, '${ApiEndpoint}')
        .replace('"Stage":"live"', '"Stage":"${Stage}"'),
    );
    assert.deepEqual(restored, written);
  });

  it('lists state machines with ARN, name, type and substituted definition', () => {
    const template = load(TEMPLATE_FILES.main);
    const machines = stateMachinesFromTemplate(template);
    assert.deepEqual(
      machines.map((m) => [m.logicalId, m.type]),
      [
        ['SyncSfnStateMachine', 'EXPRESS'],
        ['AsyncSfnStateMachine', 'STANDARD'],
      ],
    );
    const name = `${STACK.stackName}-SyncSfnStateMachine`;
    assert.equal(machines[0]?.arn, `arn:aws:states:${STACK.region}:${STACK.accountId}:stateMachine:${name}`);
    assert.equal(machines[0]?.name, name);
    // The sync VTL names the state machine by its Ref, which is the ARN.
    const vtl = (template.resources.get('SyncSfnIntegration')!.properties as any).RequestTemplates.$default as string;
    assert.ok(vtl.includes(`"stateMachineArn": "${machines[0]?.arn}"`));
  });

  it('fails on a placeholder without a substitution, naming it and the path', () => {
    const template = loadLocalTemplate(
      yamlTemplate(`
Resources:
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: A
        States:
          A: { Type: Pass, Result: "\${Missing}", End: true }
      DefinitionSubstitutions:
        Known: 1
`),
      STACK,
    );
    assert.throws(
      () => stateMachineDefinition(template.resources.get('Machine')!),
      /Resources\.Machine\.Properties\.Definition\.States\.A\.Result: \$\{Missing\} has no entry in DefinitionSubstitutions \(defined: Known\)/,
    );
  });
});
