/**
 * Reads YAML with PyYAML, the YAML 1.1 parser of cfn-lint (libyaml's `CSafeLoader` when built
 * with it) and of the SAM CLI (the pure-Python `SafeLoader`), with CloudFormation's short-form
 * tags turned into long form as the project's own parser does (cfn/yaml.ts). PyYAML is not an npm
 * dependency: a test without it is a visible skip, and a failure where the run demands it
 * (REQUIRE_TOOLS=1 in CI, or REQUIRE_PYYAML=1; see test/support/optional-tool.ts).
 */
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';
import type { OptionalTool } from '../../checks/optional-tools.ts';
import { skipWithoutTool } from './optional-tool.ts';

export type PyYamlLoader = 'SafeLoader' | 'CSafeLoader';

/** Demanded by REQUIRE_TOOLS=1 or REQUIRE_PYYAML=1. */
export const PYYAML: OptionalTool = { name: 'PyYAML', install: 'pip install pyyaml' };

const PYTHON = process.env['PYTHON'] ?? 'python3';

const READER = `
import json, sys, yaml
loader_class = getattr(yaml, sys.argv[1])
class Loader(loader_class):
    pass
def intrinsic(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
        if suffix == 'GetAtt':
            value = (value.split('.', 1) + [''])[:2]
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return {(suffix if suffix in ('Ref', 'Condition') else 'Fn::' + suffix): value}
Loader.add_multi_constructor('!', intrinsic)
def not_json(value):
    return {'$python': type(value).__name__, 'repr': repr(value)}
results = []
for text in json.load(sys.stdin):
    try:
        results.append({'data': yaml.load(text, Loader=Loader)})
    except Exception as error:
        results.append({'error': type(error).__name__ + ': ' + str(error)})
print(json.dumps(results, default=not_json))
`;

export type PyYamlResult = { data: unknown } | { error: string };

/** The loaders this machine's PyYAML has, or why there is none. */
function pyYamlLoaders(): PyYamlLoader[] | string {
  const probe = spawnSync(PYTHON, ['-c', 'import yaml; print(yaml.__version__, hasattr(yaml, "CSafeLoader"))'], {
    encoding: 'utf8',
  });
  if (probe.error || probe.status !== 0)
    return `${PYTHON}: ${probe.error?.message ?? probe.stderr.trim().split('\n').at(-1)}`;
  return probe.stdout.trim().endsWith('True') ? ['SafeLoader', 'CSafeLoader'] : ['SafeLoader'];
}

/**
 * The loaders to test with; when PyYAML is missing, skips the test visibly (or fails it where the
 * run demands PyYAML) and returns an empty list.
 */
export function loadersOrSkip(t: TestContext): PyYamlLoader[] {
  const loaders = pyYamlLoaders();
  if (typeof loaders !== 'string') return loaders;
  skipWithoutTool(t, PYYAML, false, loaders);
  return [];
}

/** Each text read by PyYAML with `loader`, in one Python process. */
export function readWithPyYaml(texts: string[], loader: PyYamlLoader): PyYamlResult[] {
  const run = spawnSync(PYTHON, ['-c', READER, loader], {
    input: JSON.stringify(texts),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONUTF8: '1' },
  });
  if (run.error || run.status !== 0)
    throw new Error(`PyYAML reader failed (${run.error?.message ?? `exit ${run.status}`}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as PyYamlResult[];
}
