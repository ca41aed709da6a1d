import { readFileSync } from 'node:fs';
import type { CfnObject, CfnResource, CfnTemplate } from '../../cfn/types.ts';
import { parseCloudFormation } from '../../cfn/yaml.ts';
import type { VtlRequest } from '../../lang/vtl/index.ts';

/** A committed golden template, parsed back into long form (what SAM and the local stack read). */
export function goldenTemplate(file: string): CfnTemplate {
  return parseCloudFormation(readFileSync(file, 'utf8'), file) as unknown as CfnTemplate;
}

export function resource(template: CfnTemplate, logicalId: string): CfnResource {
  const found = template.Resources[logicalId];
  if (!found) throw new Error(`no resource ${logicalId}`);
  return found;
}

/** The `$default` request template with `${X}` replaced as CloudFormation would, given values. */
export function requestTemplate(template: CfnTemplate, integrationId: string, values: Record<string, string>): string {
  const templates = resource(template, integrationId).Properties!['RequestTemplates'] as CfnObject;
  const text = (templates['$default'] as { 'Fn::Sub': string })['Fn::Sub'];
  return text.replace(/\$\{([^}!]+)\}/g, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for \${${name}}`);
    return value;
  });
}

/** The edge's secret in these requests: the `OriginSecret` parameter's value, as the stage variable carries it. */
export const TEST_ORIGIN_SECRET = 'a'.repeat(32) + 'b'.repeat(32);

/**
 * A `$connect` request as it reaches the API through the edge: with the edge's secret header, which the stage
 * variable accepts (`fromEdge: false` leaves the header out).
 */
export function connectRequest(
  overrides: {
    header?: Record<string, string>;
    querystring?: Record<string, string>;
    requestTimeEpoch?: number;
    fromEdge?: boolean;
  } = {},
): VtlRequest {
  const requestTimeEpoch = overrides.requestTimeEpoch ?? 1_764_000_000_123;
  const edgeHeader: Record<string, string> =
    overrides.fromEdge === false ? {} : { 'X-Origin-Verify': TEST_ORIGIN_SECRET };
  return {
    body: '',
    context: {
      connectionId: 'L0SM9cOFvHcCIhw=',
      eventType: 'CONNECT',
      routeKey: '$connect',
      requestTimeEpoch,
      connectedAt: requestTimeEpoch - 7,
      identity: { sourceIp: '203.0.113.7' },
      stage: 'api',
    },
    params: { path: {}, querystring: overrides.querystring ?? {}, header: { ...overrides.header, ...edgeHeader } },
    stageVariables: { originSecrets: `${TEST_ORIGIN_SECRET},` },
  };
}
