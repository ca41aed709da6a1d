import type { RouteBinding } from './types.ts';

/** Problems with a route's `authorization` option, each naming the field, the value and the rule. */
export function authorizationProblems(route: RouteBinding, where: string): string[] {
  const authorization = route.authorization ?? { type: 'NONE' };
  if (authorization.type === 'NONE') return [];
  if (authorization.type !== 'AWS_IAM' && authorization.type !== 'CUSTOM') {
    return [
      `${where}.authorization.type: ${JSON.stringify((authorization as { type: unknown }).type)} must be NONE, AWS_IAM or CUSTOM`,
    ];
  }
  if (route.routeKey !== '$connect') {
    return [
      `${where}.authorization.type: ${JSON.stringify(authorization.type)} on route ${JSON.stringify(route.routeKey)}: only $connect can have authorization`,
    ];
  }
  if (authorization.type === 'AWS_IAM') return [];
  const problems: string[] = [];
  if (typeof authorization.functionArn !== 'string' || authorization.functionArn === '') {
    problems.push(
      `${where}.authorization.functionArn: ${JSON.stringify(authorization.functionArn)} must be a non-empty string`,
    );
  }
  if (!Array.isArray(authorization.identitySources) || authorization.identitySources.length === 0) {
    problems.push(
      `${where}.authorization.identitySources: ${JSON.stringify(authorization.identitySources)} must list at least one header or querystring source`,
    );
    return problems;
  }
  authorization.identitySources.forEach((source, index) => {
    if (
      (source.from !== 'header' && source.from !== 'querystring') ||
      typeof source.name !== 'string' ||
      source.name === ''
    ) {
      problems.push(
        `${where}.authorization.identitySources[${index}]: ${JSON.stringify(source)} must be { from: 'header' | 'querystring', name: non-empty string }`,
      );
    }
  });
  return problems;
}
