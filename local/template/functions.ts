/**
 * Lambda functions as SAM (`AWS::Serverless::Function`) and CloudFormation (`AWS::Lambda::Function`) write
 * them, and the layers they use, with code paths resolved against the template's folder. Whether and how a
 * function runs (its runtime, local code) is the stack's to decide; this only reads what the template says.
 */
import { isAbsolute, resolve } from 'node:path';
import { TemplateError } from './errors.ts';
import { propertyReader, resourcesOfType } from './read-properties.ts';
import type { LocalResource, LocalTemplate } from './types.ts';

/** Where a function's code is: a local folder, inline source, or somewhere the local stack cannot read. */
export type FunctionCode =
  | { kind: 'directory'; path: string }
  | { kind: 'inline'; source: string }
  | { kind: 'unavailable'; reason: string };

export interface LocalFunction {
  logicalId: string;
  type: 'AWS::Serverless::Function' | 'AWS::Lambda::Function';
  functionName: string;
  arn: string;
  code: FunctionCode;
  /** `module.export`; undefined when the template sets none (image functions). */
  handler: string | undefined;
  runtime: string | undefined;
  /** Seconds; the default is 3, as on AWS. */
  timeoutSeconds: number;
  /** MB; the default is 128, as on AWS. */
  memorySize: number;
  architectures: string[];
  environment: Record<string, string>;
  /** Layer version ARNs, in order. */
  layers: string[];
  /** `Metadata.BuildMethod` / `Metadata.BuildProperties` (SAM esbuild settings), as written. */
  buildMethod: string | undefined;
  buildProperties: Record<string, unknown>;
  /** `Role` (SAM: optional; CloudFormation: required), resolved. */
  role: string | undefined;
  /** SAM `Policies`, resolved but not interpreted (local/iam expands them). */
  policies: unknown;
}

export interface LocalLayer {
  logicalId: string;
  arn: string;
  /** The layer's content folder (what Lambda extracts to /opt). */
  content: FunctionCode;
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** A local path as `sam build` and `aws cloudformation package` take it, or why it is not one. */
function localPath(template: LocalTemplate, value: unknown, where: string): FunctionCode {
  if (typeof value === 'string') {
    if (/^s3:\/\//.test(value)) return { kind: 'unavailable', reason: `${where} is in S3 (${value})` };
    if (/\.(zip|jar)$/i.test(value))
      return {
        kind: 'unavailable',
        reason: `${where} is an archive (${value}); unpack it and point ${where} at the folder`,
      };
    return { kind: 'directory', path: isAbsolute(value) ? value : resolve(template.baseDir, value) };
  }
  if (typeof value === 'object' && value !== null)
    return { kind: 'unavailable', reason: `${where} is in S3 (${JSON.stringify(value)})` };
  throw new TemplateError(`${where}: must be a local path or an S3 location, got ${JSON.stringify(value)}`);
}

function samFunctionCode(template: LocalTemplate, resource: LocalResource): FunctionCode {
  const read = propertyReader(resource);
  const where = `Resources.${resource.logicalId}.Properties`;
  if (read.raw('PackageType') === 'Image' || read.raw('ImageUri') !== undefined)
    return { kind: 'unavailable', reason: `${where}.PackageType is Image` };
  const inline = read.optionalString('InlineCode');
  if (inline !== undefined) return { kind: 'inline', source: inline };
  // Without CodeUri, `sam build` takes the template's own folder.
  return localPath(template, read.raw('CodeUri') ?? '.', `${where}.CodeUri`);
}

function cfnFunctionCode(template: LocalTemplate, resource: LocalResource): FunctionCode {
  const where = `Resources.${resource.logicalId}.Properties.Code`;
  const code = propertyReader(resource).raw('Code');
  if (typeof code === 'string') return localPath(template, code, where);
  const fields = asRecord(code);
  if (typeof fields['ZipFile'] === 'string') return { kind: 'inline', source: fields['ZipFile'] };
  if (fields['ImageUri'] !== undefined)
    return { kind: 'unavailable', reason: `${where}.ImageUri is a container image` };
  if (fields['S3Bucket'] !== undefined)
    return {
      kind: 'unavailable',
      reason: `${where} is in S3 (s3://${String(fields['S3Bucket'])}/${String(fields['S3Key'])})`,
    };
  throw new TemplateError(
    `${where}: must be a local path, ZipFile, S3Bucket/S3Key or ImageUri, got ${JSON.stringify(code)}`,
  );
}

export function functionsFromTemplate(template: LocalTemplate): LocalFunction[] {
  const functions = [...template.resources.values()].filter(
    (resource) => resource.type === 'AWS::Serverless::Function' || resource.type === 'AWS::Lambda::Function',
  );
  return functions.map((resource) => {
    const read = propertyReader(resource);
    const id = template.physicalIds.get(resource.logicalId);
    const metadata = asRecord(resource.metadata);
    const sam = resource.type === 'AWS::Serverless::Function';
    return {
      logicalId: resource.logicalId,
      type: resource.type as LocalFunction['type'],
      functionName: id?.ref ?? resource.logicalId,
      arn: id?.attributes['Arn'] ?? '',
      code: sam ? samFunctionCode(template, resource) : cfnFunctionCode(template, resource),
      handler: read.optionalString('Handler'),
      runtime: read.optionalString('Runtime'),
      timeoutSeconds: read.number('Timeout', 3),
      memorySize: read.number('MemorySize', 128),
      architectures: read.stringList('Architectures', ['x86_64']),
      environment: read.stringMap('Environment', 'Variables'),
      layers: read.stringList('Layers', []),
      buildMethod: typeof metadata['BuildMethod'] === 'string' ? metadata['BuildMethod'] : undefined,
      buildProperties: asRecord(metadata['BuildProperties']),
      role: read.optionalString('Role'),
      policies: read.raw('Policies'),
    };
  });
}

export function layersFromTemplate(template: LocalTemplate): LocalLayer[] {
  const layers = [
    ...resourcesOfType(template, 'AWS::Serverless::LayerVersion'),
    ...resourcesOfType(template, 'AWS::Lambda::LayerVersion'),
  ];
  return layers.map((resource) => {
    const sam = resource.type === 'AWS::Serverless::LayerVersion';
    const key = sam ? 'ContentUri' : 'Content';
    const value = propertyReader(resource).raw(key);
    const content =
      asRecord(value)['S3Bucket'] !== undefined || asRecord(value)['Bucket'] !== undefined || typeof value !== 'string'
        ? {
            kind: 'unavailable' as const,
            reason: `Resources.${resource.logicalId}.Properties.${key} is in S3 (${JSON.stringify(value)})`,
          }
        : localPath(template, value, `Resources.${resource.logicalId}.Properties.${key}`);
    return { logicalId: resource.logicalId, arn: template.physicalIds.get(resource.logicalId)?.ref ?? '', content };
  });
}
