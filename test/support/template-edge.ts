/** The golden template's CloudFront Function and origin request policy, as the edge tests use them. */
import { readFileSync } from 'node:fs';
import { parseCloudFormation } from '../../cfn/yaml.ts';
import type { CloudFrontFunctionRuntime } from '../../lang/cloudfront-js/index.ts';

const TEMPLATE_PATH = new URL('../../template.yaml', import.meta.url);

export interface TemplateEdge {
  code: string;
  runtime: CloudFrontFunctionRuntime;
  policy: unknown;
}

export function loadTemplateEdge(): TemplateEdge {
  const template = parseCloudFormation(readFileSync(TEMPLATE_PATH, 'utf8')) as {
    Resources: Record<string, { Properties: Record<string, unknown> }>;
  };
  const fn = template.Resources['UriRewriteFunction']?.Properties;
  const policy = template.Resources['WebSocketOriginRequestPolicy']?.Properties;
  if (!fn || !policy) throw new Error('template.yaml lacks UriRewriteFunction or WebSocketOriginRequestPolicy');
  const config = fn['FunctionConfig'] as { Runtime: CloudFrontFunctionRuntime };
  return { code: fn['FunctionCode'] as string, runtime: config.Runtime, policy: policy['OriginRequestPolicyConfig'] };
}
