/**
 * Every name a template points at must exist: `Ref`, `Fn::GetAtt` (resource and attribute),
 * `${X}` / `${X.Attr}` in `Fn::Sub`, and `DependsOn`, in Resources, Globals and Outputs.
 */
import type { CfnObject, CfnTemplate, CfnValue } from '../cfn/types.ts';
import { asList, getAttParts, isIntrinsic, isPlainObject, visitObjects } from './cfn-values.ts';
import { childPath, type Finding } from './finding.ts';
import { SAM_GENERATED_TYPE, isSamType } from './sam-known.ts';
import { findResourceType, type SpecDatabase } from './spec-db.ts';

export const PSEUDO_PARAMETERS = [
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
];

interface Scope {
  db: SpecDatabase;
  parameters: ReadonlySet<string>;
  /** Logical id -> resource type, including the resources SAM generates (see samGenerated). */
  resources: ReadonlyMap<string, string>;
  findings: Finding[];
}

export function checkReferences(template: CfnTemplate, db: SpecDatabase): Finding[] {
  const scope: Scope = {
    db,
    parameters: new Set(Object.keys(template.Parameters ?? {})),
    resources: new Map([
      ...Object.entries(template.Resources).map(([id, r]) => [id, r.Type] as const),
      ...samGenerated(template),
    ]),
    findings: [],
  };
  const visit = (node: CfnObject, path: string) => checkIntrinsic(node, path, scope);
  for (const [id, resource] of Object.entries(template.Resources)) {
    const path = childPath('Resources', id);
    visitObjects(resource.Properties, childPath(path, 'Properties'), visit);
    asList(resource.DependsOn).forEach((target, i) => {
      if (typeof target === 'string' && scope.resources.has(target)) return;
      const at = Array.isArray(resource.DependsOn)
        ? childPath(childPath(path, 'DependsOn'), i)
        : childPath(path, 'DependsOn');
      report(scope, 'ref/depends-on', at, `DependsOn '${String(target)}' matches no resource`);
    });
  }
  visitObjects(template.Globals, 'Globals', visit);
  for (const [id, output] of Object.entries(template.Outputs ?? {})) {
    visitObjects(output as unknown as CfnValue, childPath('Outputs', id), visit);
  }
  return scope.findings;
}

/**
 * Logical ids SAM adds that templates may point at: `<Id>Role` for a Function/StateMachine
 * without `Role`, `<Id>.Alias`/`<Id>.Version` for a Function with AutoPublishAlias (resource or
 * Globals), `<Id>Url` for a Function with FunctionUrlConfig.
 */
function samGenerated(template: CfnTemplate): [string, string][] {
  const globalAlias = isPlainObject(template.Globals?.Function) && 'AutoPublishAlias' in template.Globals.Function;
  const out: [string, string][] = [];
  for (const [id, { Type, Properties = {} }] of Object.entries(template.Resources)) {
    if (Type !== 'AWS::Serverless::Function' && Type !== 'AWS::Serverless::StateMachine') continue;
    if (!('Role' in Properties)) out.push([`${id}Role`, 'AWS::IAM::Role']);
    if (Type !== 'AWS::Serverless::Function') continue;
    if (globalAlias || 'AutoPublishAlias' in Properties) {
      out.push([`${id}.Alias`, 'AWS::Lambda::Alias'], [`${id}.Version`, 'AWS::Lambda::Version']);
    }
    if ('FunctionUrlConfig' in Properties) out.push([`${id}Url`, 'AWS::Lambda::Url']);
  }
  return out;
}

function checkIntrinsic(node: CfnObject, path: string, scope: Scope): void {
  if (!isIntrinsic(node)) return;
  if ('Ref' in node) {
    const name = node.Ref;
    if (typeof name !== 'string' || !refResolves(name, scope)) {
      report(
        scope,
        'ref/unknown-target',
        path,
        `Ref '${String(name)}' matches no parameter, resource or pseudo-parameter`,
      );
    }
  } else if ('Fn::GetAtt' in node) {
    const parts = getAttParts(node['Fn::GetAtt']);
    if (parts === undefined) {
      report(
        scope,
        'ref/malformed',
        path,
        `Fn::GetAtt ${JSON.stringify(node['Fn::GetAtt'])} is not [resource, attribute] or 'resource.attribute'`,
      );
    } else if (typeof parts.attribute === 'string') {
      checkAttribute(`Fn::GetAtt '${parts.resource}.${parts.attribute}'`, parts.resource, parts.attribute, path, scope);
    } else if (!scope.resources.has(parts.resource)) {
      report(
        scope,
        'ref/unknown-target',
        path,
        `Fn::GetAtt on '${parts.resource}': no resource named '${parts.resource}'`,
      );
    }
  } else if ('Fn::Sub' in node) {
    checkSub(node['Fn::Sub']!, path, scope);
  }
}

const refResolves = (name: string, scope: Scope): boolean =>
  scope.parameters.has(name) || scope.resources.has(name) || PSEUDO_PARAMETERS.includes(name);

/** The resource must exist; its attribute must be in the spec (SAM types via SAM_GENERATED_TYPE). */
function checkAttribute(label: string, resource: string, attribute: string, path: string, scope: Scope): void {
  const type = scope.resources.get(resource);
  if (type === undefined) {
    report(scope, 'ref/unknown-target', path, `${label}: no resource named '${resource}'`);
    return;
  }
  const specType = SAM_GENERATED_TYPE[type] ?? (isSamType(type) ? undefined : type);
  const spec = specType === undefined ? undefined : findResourceType(scope.db, specType);
  if (spec === undefined || attribute in spec.attributes) return; // unknown types are reported by the spec check
  const shownType = specType === type ? type : `${type} (as ${specType})`;
  const known = Object.keys(spec.attributes).join(', ') || 'none';
  report(
    scope,
    'ref/unknown-attribute',
    path,
    `${label}: ${shownType} has no attribute '${attribute}' (has: ${known})`,
  );
}

/**
 * `${Name}` is a Ref, `${Res.Attr}` a GetAtt, `${!text}` a literal; Sub variables shadow both.
 * A whole name SAM generates (`${Fn.Alias}`) resolves as a Ref.
 */
function checkSub(arg: CfnValue, path: string, scope: Scope): void {
  const [text, variables] = Array.isArray(arg) ? arg : [arg, {}];
  if (typeof text !== 'string' || !isPlainObject(variables)) {
    if (!isIntrinsic(text))
      report(scope, 'ref/malformed', path, `Fn::Sub ${JSON.stringify(arg)} is not a string or [string, variables]`);
    return;
  }
  for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
    const name = match[1]!;
    if (name.startsWith('!') || name in variables || scope.resources.has(name)) continue;
    const dot = name.indexOf('.');
    if (dot > 0) {
      checkAttribute(`Fn::Sub '${match[0]}'`, name.slice(0, dot), name.slice(dot + 1), path, scope);
    } else if (!refResolves(name, scope)) {
      report(
        scope,
        'ref/unknown-target',
        path,
        `Fn::Sub '${match[0]}' matches no parameter, resource, pseudo-parameter or Sub variable`,
      );
    }
  }
}

function report(scope: Scope, check: string, path: string, message: string): void {
  scope.findings.push({ check, level: 'error', path, message });
}
