import { TemplateError } from './errors.ts';
import { propertyReader, resourcesOfType } from './read-properties.ts';
import type { LocalTemplate } from './types.ts';

/**
 * The stage's access log format (`AccessLogSettings.Format` of its AWS::ApiGatewayV2::Stage), or undefined when the
 * stage writes no access log. A Format that is not a string is an error naming the property.
 */
export function stageAccessLogFormat(template: LocalTemplate, apiId: string, stageName: string): string | undefined {
  for (const stage of resourcesOfType(template, 'AWS::ApiGatewayV2::Stage')) {
    const read = propertyReader(stage);
    if (read.raw('ApiId') !== apiId || read.raw('StageName') !== stageName) continue;
    const settings = read.raw('AccessLogSettings');
    if (settings === undefined) return undefined;
    const format = (settings as Record<string, unknown> | null)?.['Format'];
    if (format === undefined) return undefined;
    if (typeof format !== 'string' || format === '') {
      throw new TemplateError(
        `Resources.${stage.logicalId}.Properties.AccessLogSettings.Format: must be a non-empty string, got ${JSON.stringify(format)}`,
      );
    }
    return format;
  }
  return undefined;
}
