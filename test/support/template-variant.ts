/**
 * Edited copies of a template for tests that need a stack unlike the shipped one (a route removed,
 * a broken request template). The copy lives in a temp folder, so relative `CodeUri`s are made
 * absolute against the original template's folder.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { CfnObject, CfnResource, CfnTemplate } from '../../cfn/types.ts';
import { parseCloudFormation, stringifyCloudFormation } from '../../cfn/yaml.ts';

export function writeTemplateVariant(sourceFile: string, edit: (template: CfnTemplate) => void): string {
  return writeTemplateText(readFileSync(sourceFile, 'utf8'), dirname(sourceFile), edit);
}

/** Writes template text whose relative `CodeUri`s are relative to `baseDir` (e.g. a freshly generated template). */
export function writeTemplateText(
  text: string,
  baseDir: string,
  edit: (template: CfnTemplate) => void = () => {},
): string {
  const template = parseCloudFormation(text, 'template variant') as unknown as CfnTemplate;
  edit(template);
  for (const resource of Object.values(template.Resources)) {
    const properties = resource.Properties as CfnObject | undefined;
    if (resource.Type === 'AWS::Serverless::Function' && typeof properties?.['CodeUri'] === 'string') {
      properties['CodeUri'] = `${resolve(baseDir, properties['CodeUri'])}/`;
    }
  }
  const file = join(mkdtempSync(join(tmpdir(), 'template-variant-')), 'template.yaml');
  writeFileSync(file, stringifyCloudFormation(template));
  return file;
}

function refersTo(value: unknown, logicalId: string): boolean {
  return typeof value === 'object' && value !== null && (value as CfnObject)['Ref'] === logicalId;
}

/** The logical ID of the route with `routeKey`; throws naming the key when there is none. */
export function routeLogicalId(template: CfnTemplate, routeKey: string): string {
  const found = Object.entries(template.Resources).find(
    ([, resource]) =>
      resource.Type === 'AWS::ApiGatewayV2::Route' && (resource.Properties as CfnObject)['RouteKey'] === routeKey,
  );
  if (!found) throw new Error(`template has no route ${JSON.stringify(routeKey)}`);
  return found[0];
}

/** Removes a route, its route responses, and every DependsOn on them (the deployment's). */
export function removeRoute(template: CfnTemplate, routeKey: string): void {
  const routeId = routeLogicalId(template, routeKey);
  const removed = new Set([routeId]);
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (
      resource.Type === 'AWS::ApiGatewayV2::RouteResponse' &&
      refersTo((resource.Properties as CfnObject)['RouteId'], routeId)
    )
      removed.add(id);
  }
  for (const id of removed) delete template.Resources[id];
  for (const resource of Object.values(template.Resources) as CfnResource[]) {
    if (Array.isArray(resource.DependsOn)) resource.DependsOn = resource.DependsOn.filter((id) => !removed.has(id));
  }
}
