/**
 * Check resources against the CloudFormation resource spec: known type, known properties,
 * required properties present, nested struct properties (see ./spec-shapes.ts), plus the
 * resource-level keys, the SAM transform and the SAM `Globals` section.
 */
import type { CfnObject, CfnResource, CfnTemplate } from '../cfn/types.ts';
import { asList, isIntrinsic, isPlainObject } from './cfn-values.ts';
import { childPath, type Finding } from './finding.ts';
import { SAM_GLOBALS, SAM_NEWER_PROPERTIES, SAM_SPEC_MISTAKES, SAM_TRANSFORM, isSamType } from './sam-known.ts';
import { findResourceType, type SpecDatabase } from './spec-db.ts';
import { checkTypedValue, suggest } from './spec-shapes.ts';

/** The keys CloudFormation accepts on a resource entry; anything else is a typo (`Propertes`). */
const RESOURCE_KEYS = [
  'Type',
  'Properties',
  'DependsOn',
  'Metadata',
  'Condition',
  'DeletionPolicy',
  'UpdateReplacePolicy',
  'CreationPolicy',
  'UpdatePolicy',
];

export function checkResourceSpec(template: CfnTemplate, db: SpecDatabase): Finding[] {
  const findings: Finding[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    checkResource(resource, childPath('Resources', id), db, findings);
  }
  findings.push(...checkTransform(template), ...checkGlobals(template));
  return findings;
}

function checkResource(resource: CfnResource, path: string, db: SpecDatabase, findings: Finding[]): void {
  const error = (check: string, at: string, message: string) =>
    findings.push({ check, level: 'error', path: at, message });
  for (const key of Object.keys(resource)) {
    if (!RESOURCE_KEYS.includes(key)) {
      error(
        'spec/unknown-resource-key',
        childPath(path, key),
        `unknown resource key '${key}' (allowed: ${RESOURCE_KEYS.join(', ')})`,
      );
    }
  }
  const type = resource.Type;
  if (typeof type !== 'string') {
    error(
      'spec/unknown-type',
      childPath(path, 'Type'),
      `resource has no Type string (got ${JSON.stringify(type) ?? 'none'})`,
    );
    return;
  }
  const spec = findResourceType(db, type);
  if (spec === undefined) {
    error(
      'spec/unknown-type',
      childPath(path, 'Type'),
      `unknown resource type '${type}' (not in the CloudFormation resource spec)`,
    );
    return;
  }
  const propsPath = childPath(path, 'Properties');
  const properties: CfnObject = resource.Properties ?? {};
  if (isIntrinsic(properties)) return; // e.g. a whole-Properties Fn::If: nothing literal to check
  const newer = SAM_NEWER_PROPERTIES[type] ?? [];
  const mistakes = SAM_SPEC_MISTAKES[type] ?? {};
  const ctx = { db, resourceType: type, findings };
  for (const [key, value] of Object.entries(properties)) {
    const at = childPath(propsPath, key);
    const accepted = mistakes[key];
    if (accepted !== undefined) {
      error(
        'spec/unknown-property',
        at,
        `unknown property '${key}' for ${type} (the SAM translator accepts '${accepted}')`,
      );
    } else if (spec.properties[key] !== undefined) {
      // SAM's nested shapes in the spec are years behind the translator (e.g. StateMachine lists
      // 2 of ~80 policy templates), so only CloudFormation types are checked below the top level.
      if (!isSamType(type)) checkTypedValue(value, spec.properties[key].type, at, ctx);
    } else if (!newer.includes(key)) {
      error('spec/unknown-property', at, `unknown property '${key}' for ${type}${suggest(key, [spec])}`);
    }
  }
  for (const [name, property] of Object.entries(spec.properties)) {
    if (property.required && !(name in properties)) {
      error('spec/missing-required', propsPath, `missing required property '${name}' for ${type}`);
    }
  }
}

/** AWS::Serverless::* resources only exist through the SAM transform. */
function checkTransform(template: CfnTemplate): Finding[] {
  const transforms = asList(template.Transform as string | string[] | undefined);
  if (transforms.includes(SAM_TRANSFORM)) return [];
  const sam = Object.entries(template.Resources).find(([, r]) => isSamType(r.Type));
  if (sam === undefined) return [];
  return [
    {
      check: 'spec/missing-transform',
      level: 'error',
      path: 'Transform',
      message: `resource '${sam[0]}' has SAM type ${sam[1].Type}, which needs 'Transform: ${SAM_TRANSFORM}'`,
    },
  ];
}

/** Light check of `Globals`: known sections, and for Function/StateMachine the properties SAM lets them set. */
function checkGlobals(template: CfnTemplate): Finding[] {
  const findings: Finding[] = [];
  if (template.Globals === undefined) return findings;
  for (const [section, body] of Object.entries(template.Globals)) {
    const path = childPath('Globals', section);
    if (!(section in SAM_GLOBALS)) {
      findings.push({
        check: 'spec/globals',
        level: 'error',
        path,
        message: `unknown Globals section '${section}' (SAM supports: ${Object.keys(SAM_GLOBALS).join(', ')})`,
      });
      continue;
    }
    const allowed = SAM_GLOBALS[section];
    if (allowed === undefined || !isPlainObject(body)) continue;
    for (const key of Object.keys(body)) {
      if (allowed.includes(key)) continue;
      findings.push({
        check: 'spec/globals',
        level: 'error',
        path: childPath(path, key),
        message: `property '${key}' cannot be set in Globals.${section} (SAM allows it only on the resource, or it does not exist)`,
      });
    }
  }
  return findings;
}
