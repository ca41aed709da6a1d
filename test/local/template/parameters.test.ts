import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TemplateError, loadLocalTemplate } from '../../../local/template/index.ts';
import { TEMPLATE_FILES, load, rawTemplate } from './fixtures.ts';

describe('parameters', () => {
  it('uses an override instead of the default everywhere the parameter is referenced', () => {
    const template = load(TEMPLATE_FILES.main, { parameterOverrides: { ApiStageName: 'v2' } });
    assert.equal(template.parameters['ApiStageName'], 'v2');
    assert.match(template.outputs['APIEndpoint'] ?? '', /\/v2$/);
    const sourceArn = (template.resources.get('DefaultFunctionPermission')!.properties as any).SourceArn;
    assert.ok(sourceArn.endsWith(`:${template.physicalIds.get('WebSocketApi')?.ref}/v2/$default`));
  });

  it('rejects an override that breaks AllowedPattern, naming parameter, value and rule', () => {
    const pattern = rawTemplate(TEMPLATE_FILES.main).Parameters.ApiStageName.AllowedPattern;
    assert.throws(
      () => load(TEMPLATE_FILES.main, { parameterOverrides: { ApiStageName: 'no spaces' } }),
      (error: unknown) => {
        assert.ok(error instanceof TemplateError);
        assert.equal(
          error.message,
          `template.yaml: Parameters.ApiStageName: override value "no spaces" does not match AllowedPattern ${pattern} (letters, digits, - or _ (1-128))`,
        );
        return true;
      },
    );
  });

  it('gives a NoEcho parameter without a Default a made-up secret (the stack passes a random one); an override wins; a bad one is named', () => {
    const secrets: string[] = [];
    const template = load(TEMPLATE_FILES.main, {
      secretParameterValue: (name) => {
        secrets.push(name);
        return `${name}-made-up-secret-0123456789abcdef`;
      },
    });
    assert.deepEqual(secrets, ['OriginSecret'], 'OriginSecretPrevious has a Default (empty)');
    assert.equal(template.parameters['OriginSecret'], 'OriginSecret-made-up-secret-0123456789abcdef');
    assert.equal(template.parameters['OriginSecretPrevious'], '');
    assert.match(
      load(TEMPLATE_FILES.main).parameters['OriginSecret'] ?? '',
      /^[0-9a-f]{64}$/,
      'a fixed stand-in for readers that do not run the stack',
    );
    assert.equal(
      load(TEMPLATE_FILES.main, { parameterOverrides: { OriginSecret: 'k'.repeat(32) } }).parameters['OriginSecret'],
      'k'.repeat(32),
    );
    assert.throws(
      () => load(TEMPLATE_FILES.main, { secretParameterValue: () => 'short' }),
      /Parameters\.OriginSecret: made-up secret value \(NoEcho, not shown\) does not match AllowedPattern/,
    );
    assert.throws(
      () => load(TEMPLATE_FILES.main, { parameterOverrides: { OriginSecret: 'secret with spaces' } }),
      (error: Error) => !error.message.includes('secret with spaces'),
    );
  });

  it('rejects an override for a parameter the template does not declare', () => {
    assert.throws(
      () => load(TEMPLATE_FILES.minimal, { parameterOverrides: { StageName: 'x' } }),
      /parameterOverrides\.StageName: the template declares no parameter StageName \(declared: ApiStageName\)/,
    );
  });

  it('enforces AllowedValues and requires a value when there is no Default', () => {
    const template = (declaration: string) =>
      `AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  Env:\n${declaration}\nResources:\n  G:\n    Type: AWS::Logs::LogGroup\n`;
    const options = { stackName: 's', region: 'us-east-1', accountId: '123456789012' };
    assert.throws(
      () =>
        loadLocalTemplate(template('    Type: String\n    AllowedValues: [dev, prod]'), {
          ...options,
          parameterOverrides: { Env: 'qa' },
        }),
      /Parameters\.Env: override value "qa" is not one of AllowedValues \["dev","prod"\]/,
    );
    assert.throws(
      () => loadLocalTemplate(template('    Type: String'), options),
      /Parameters\.Env: no Default and no value in parameterOverrides/,
    );
    assert.equal(
      loadLocalTemplate(template('    Type: String'), { ...options, parameterOverrides: { Env: 'dev' } }).parameters[
        'Env'
      ],
      'dev',
    );
  });
});
