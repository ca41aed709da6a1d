import { readFileSync } from 'node:fs';
import { parseCloudFormation } from '../../../cfn/yaml.ts';
import { loadLocalTemplate, type LoadTemplateOptions } from '../../../local/template/index.ts';

export const TEMPLATE_FILES = {
  main: new URL('../../../template.yaml', import.meta.url),
  minimal: new URL('../../../examples/minimal/template.yaml', import.meta.url),
  chargePoints: new URL('../../../examples/charge-points/template.yaml', import.meta.url),
} as const;

export const STACK = { stackName: 'ws-local-test', region: 'eu-central-1', accountId: '210987654321' } as const;

export const readTemplate = (file: URL) => readFileSync(file, 'utf8');

export function load(file: URL, options: Partial<LoadTemplateOptions> = {}) {
  return loadLocalTemplate(readTemplate(file), { ...STACK, ...options });
}

/** The template as written (long-form JSON), to derive expectations from its own text. */
export function rawTemplate(file: URL): any {
  return parseCloudFormation(readTemplate(file));
}

/** A small template around the given Resources/Parameters/Outputs YAML. */
export function yamlTemplate(body: string): string {
  return `AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n${body}`;
}
