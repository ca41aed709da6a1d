/**
 * Thin access layer over `@aws-cdk/aws-service-spec` (the CloudFormation resource spec as a
 * graph database). Loading takes 0.5-1 s, so callers load it once per run and pass it in;
 * nothing is cached at module level.
 *
 * The shape types below describe only the fields the checks read. They are declared here
 * instead of imported from `@aws-cdk/service-spec-types`, which is not a direct dependency.
 */
import { loadAwsServiceSpecSync } from '@aws-cdk/aws-service-spec';

export type SpecDatabase = ReturnType<typeof loadAwsServiceSpecSync>;

export type SpecType =
  | { type: 'ref'; reference: { $ref: string } }
  | { type: 'array' | 'map'; element: SpecType }
  | { type: 'union'; types: SpecType[] }
  | { type: 'string' | 'number' | 'integer' | 'boolean' | 'json' | 'date-time' | 'null' | 'tag' };

export interface SpecProperty {
  required?: boolean;
  type: SpecType;
}

/** A resource type or a nested struct type: a name plus its properties. */
export interface SpecShape {
  name: string;
  properties: Record<string, SpecProperty>;
}

export interface SpecResourceType extends SpecShape {
  cloudFormationType: string;
  attributes: Record<string, unknown>;
}

/** Load the bundled spec database (synchronous, about 0.5-1 s). */
export function loadSpecDatabase(): SpecDatabase {
  return loadAwsServiceSpecSync();
}

export function findResourceType(db: SpecDatabase, cloudFormationType: string): SpecResourceType | undefined {
  const found = db.lookup('resource', 'cloudFormationType', 'equals', cloudFormationType);
  return found[0] as SpecResourceType | undefined;
}

export function findTypeDefinition(db: SpecDatabase, reference: { $ref: string }): SpecShape {
  return db.get('typeDefinition', reference.$ref) as SpecShape;
}

/** The CloudFormation tag struct (`{ Key, Value }`), which the spec models as a builtin. */
export const TAG_SHAPE: SpecShape = {
  name: 'Tag',
  properties: {
    Key: { required: true, type: { type: 'string' } },
    Value: { required: true, type: { type: 'string' } },
  },
};
