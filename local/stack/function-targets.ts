/** What the start-up checks of route and Task targets need of the function plan (functions.ts). */
export interface RunnableFunctions {
  /** Function ARN → the name the Lambda service knows it by: the functions that run locally. */
  names: ReadonlyMap<string, string>;
  /** Function ARN → why that function of the template does not run locally. */
  notRun: ReadonlyMap<string, string>;
}

/**
 * Why a target naming a function cannot run locally, or undefined when one of its `spellings` is a function that runs.
 * Which spellings count stays the caller's rule, on purpose: a route's integration URI may carry an alias or version
 * qualifier (route-targets.ts), a Task's Resource may not (task-targets.ts accepts a function name instead).
 */
export function whyNotRunnable(
  spellings: readonly [string, ...string[]],
  functions: RunnableFunctions,
): string | undefined {
  if (spellings.some((spelling) => functions.names.has(spelling))) return undefined;
  for (const spelling of spellings) {
    const reason = functions.notRun.get(spelling);
    if (reason !== undefined) return reason;
  }
  return `function ${spellings[0]} is not in this template`;
}

/** A function ARN without its alias or version qualifier (the 8th field): `arn:aws:lambda:{region}:{account}:function:{name}`. */
export function unqualifiedFunctionArn(arn: string): string {
  return arn.split(':').slice(0, 7).join(':');
}

/**
 * The local function a route's integration or authorizer URI names. Versions and aliases are not emulated (only the
 * function's current code exists locally), so a qualified ARN (`…:function:Echo:live`, `…:Echo:3`, `…:Echo:$LATEST`)
 * runs the function it qualifies; the stack says so at start (qualifiedRouteTargets in route-targets.ts).
 */
export function routeFunctionName(names: ReadonlyMap<string, string>, arn: string): string | undefined {
  return names.get(arn) ?? names.get(unqualifiedFunctionArn(arn));
}
