/**
 * Which functions' runtimes the stack starts at start (issue 20, cold vs warm): those a client's connection or
 * message invokes directly (route integrations and `$connect` authorizers), read from the generated templates.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { planFunctions } from '../../../local/stack/functions.ts';
import { functionsRoutesInvoke, qualifiedRouteTargets } from '../../../local/stack/route-targets.ts';
import {
  functionsFromTemplate,
  integrationsFromTemplate,
  layersFromTemplate,
  loadLocalTemplate,
  type LocalRoute,
} from '../../../local/template/index.ts';

const SAMPLE_TEMPLATE = fileURLToPath(new URL('../../../template.yaml', import.meta.url));

function routesAndNames(file: string) {
  const template = loadLocalTemplate(readFileSync(file, 'utf8'), {
    stackName: 'route-functions',
    region: 'us-east-1',
    accountId: '123456789012',
  });
  const functions = planFunctions(functionsFromTemplate(template), layersFromTemplate(template), '/nonexistent');
  return { routes: integrationsFromTemplate(template), functions };
}

describe('functionsRoutesInvoke', () => {
  it("names the sample stack's $default function, the only one a route invokes", () => {
    const { routes, functions } = routesAndNames(SAMPLE_TEMPLATE);
    const invoked = functionsRoutesInvoke(routes, functions.names);
    assert.equal(invoked.length, 1, JSON.stringify(invoked));
    const target = routes.find((route) => route.routeKey === '$default')?.integration.target;
    assert.ok(target?.kind === 'lambda', JSON.stringify(target));
    assert.equal(invoked[0], functions.names.get(target.functionArn));
  });

  it('takes authorizers too, each function once, and skips functions that are not run locally', () => {
    const names = new Map([
      ['arn:aws:lambda:us-east-1:123456789012:function:Echo', 'Echo'],
      ['arn:aws:lambda:us-east-1:123456789012:function:Auth', 'Auth'],
    ]);
    const route = (routeKey: string, functionArn: string | undefined, authorizerArn?: string) =>
      ({
        routeKey,
        integration: { target: functionArn === undefined ? undefined : { kind: 'lambda', functionArn } },
        authorization:
          authorizerArn === undefined
            ? { type: 'NONE' }
            : { type: 'CUSTOM', authorizer: { functionArn: authorizerArn, logicalId: 'Authorizer' } },
      }) as unknown as LocalRoute;
    const routes = [
      route('$connect', undefined, 'arn:aws:lambda:us-east-1:123456789012:function:Auth'),
      route('$default', 'arn:aws:lambda:us-east-1:123456789012:function:Echo'),
      route('again', 'arn:aws:lambda:us-east-1:123456789012:function:Echo'),
      route('python27', 'arn:aws:lambda:us-east-1:123456789012:function:NotRunHere'),
    ];
    assert.deepEqual(functionsRoutesInvoke(routes, names), ['Auth', 'Echo']);
  });

  it('starts the function a qualified ARN names (versions and aliases are not emulated) and says so once per route', () => {
    const names = new Map([['arn:aws:lambda:us-east-1:123456789012:function:Echo', 'Echo']]);
    const route = (routeKey: string, functionArn: string) =>
      ({
        routeKey,
        logicalId: `Route${routeKey.replace(/\W/g, '')}`,
        integration: { logicalId: 'Integration', target: { kind: 'lambda', functionArn } },
        authorization: { type: 'NONE' },
      }) as unknown as LocalRoute;
    const routes = [
      route('$default', 'arn:aws:lambda:us-east-1:123456789012:function:Echo:live'),
      route('latest', 'arn:aws:lambda:us-east-1:123456789012:function:Echo:$LATEST'),
      route('plain', 'arn:aws:lambda:us-east-1:123456789012:function:Echo'),
      route('version', 'arn:aws:lambda:us-east-1:123456789012:function:Echo:7'),
      route('other', 'arn:aws:lambda:us-east-1:123456789012:function:Missing:live'),
    ];
    assert.deepEqual(functionsRoutesInvoke(routes, names), ['Echo']);
    const lines = qualifiedRouteTargets(routes, names);
    assert.equal(lines.length, 3, lines.join('\n'));
    assert.match(
      lines[0] ?? '',
      /^route \$default \(Routedefault\): its integration Integration invokes arn:aws:lambda:us-east-1:123456789012:function:Echo:live: versions and aliases are not emulated, so "live" runs the function's current code/,
    );
    assert.match(lines[1] ?? '', /^route version .*"7" runs/);
    assert.match(lines[2] ?? '', /^route other .*Missing:live/);
  });
});
