/**
 * The CloudFormation YAML dialect: short-form intrinsic tags on top of the `yaml` library.
 * The object model stays in JSON long form; tags are added on write and removed on read,
 * so generator and local stack share one definition of the dialect.
 */
import {
  Document,
  Scalar,
  isScalar,
  YAMLMap,
  YAMLSeq,
  parseDocument,
  type Schema,
  type CollectionTag,
  type ScalarTag,
  type Tags,
} from 'yaml';
import { stringifyString } from 'yaml/util';
import type { CfnValue } from './types.ts';
import { firstNonPortableCharacter, portableStrings } from './yaml-string.ts';
import { writeCloudFormationYaml, type ResolvesToNonString } from './yaml-writer.ts';
import { INTRINSIC_NAMES, intrinsicKey, isGetAttPair, type IntrinsicName } from './yaml-intrinsics.ts';

type Tag = ScalarTag | CollectionTag;

const isSingleKey = (value: unknown, key: string): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.keys(value).length === 1 &&
  key in value;

function tagsFor(name: IntrinsicName): Tag[] {
  const key = intrinsicKey(name);
  const tag = `!${name}`;
  const scalar: ScalarTag = {
    tag,
    identify: (v) => isSingleKey(v, key) && (typeof v[key] === 'string' || (name === 'GetAtt' && isGetAttPair(v[key]))),
    resolve: (text: string) => ({ [key]: name === 'GetAtt' ? splitGetAtt(text) : text }),
    createNode: (_schema, value) => {
      const inner = (value as Record<string, unknown>)[key];
      return new Scalar(name === 'GetAtt' && Array.isArray(inner) ? inner.join('.') : inner);
    },
    stringify: stringifyTagged,
  };
  // One collection tag per node kind: the tag stands for the key, so the node written is the value inside it.
  const collection = (kind: 'seq' | 'map', Node: typeof YAMLSeq | typeof YAMLMap, holds: (inner: unknown) => boolean) =>
    ({
      tag,
      collection: kind,
      identify: (v) => isSingleKey(v, key) && holds(v[key]),
      createNode: (schema, value, ctx) => Node.from(schema, (value as Record<string, unknown>)[key], ctx),
      resolve: (node) => ({ [key]: node.toJSON() }),
    }) satisfies CollectionTag;
  const seq = collection(
    'seq',
    YAMLSeq,
    (inner) => Array.isArray(inner) && !(name === 'GetAtt' && isGetAttPair(inner)),
  );
  const map = collection(
    'map',
    YAMLMap,
    (inner) => typeof inner === 'object' && inner !== null && !Array.isArray(inner),
  );
  return [scalar, seq, map];
}

/**
 * The `yaml` library picks the first tag object of a node's tag name to write it, so this scalar
 * tag also writes the `!Join [...]` and `!If {...}` collections: those keep their own writer.
 */
const stringifyTaggedScalar = portableStrings(stringifyString);
const stringifyTagged: NonNullable<ScalarTag['stringify']> = (item, ctx, onComment, onChompKeep) =>
  isScalar(item)
    ? stringifyTaggedScalar(item, ctx, onComment, onChompKeep)
    : (item as unknown as YAMLSeq | YAMLMap).toString(ctx, onComment, onChompKeep);

/** `!GetAtt A.B.C` means resource `A`, attribute `B.C`: CloudFormation splits at the first dot. */
function splitGetAtt(text: string): [string, string] {
  const dot = text.indexOf('.');
  return dot < 0 ? [text, ''] : [text.slice(0, dot), text.slice(dot + 1)];
}

/** Built fresh per call: tag objects hold no state, but nothing module-level is shared either. */
export function cloudFormationTags(): Tag[] {
  return INTRINSIC_NAMES.flatMap(tagsFor);
}

const STRING_TAG = 'tag:yaml.org,2002:str';
/** A template has no merge keys: without this tag a `<<` string is a string, written quoted. */
const MERGE_TAG = 'tag:yaml.org,2002:merge';

/** The YAML 1.1 schema's tags with every string written portably (./yaml-string.ts), then the CloudFormation tags. */
function writerTags(schemaTags: Tags): Tags {
  const kept = schemaTags.filter((tag) => typeof tag !== 'object' || tag.tag !== MERGE_TAG);
  const portable = kept.map((tag) =>
    typeof tag === 'object' && tag.tag === STRING_TAG && 'stringify' in tag && tag.stringify
      ? { ...tag, stringify: portableStrings(tag.stringify) }
      : tag,
  );
  return [...portable, ...cloudFormationTags()];
}

const WRITER_OPTIONS = {
  customTags: writerTags,
  aliasDuplicateObjects: false,
  version: '1.1',
  compat: 'core',
} as const;
const STRING_OPTIONS = { lineWidth: 0, minContentWidth: 0 } as const;

/**
 * Serialise a template. YAML 1.1 output quotes `yes`/`on`/`0777`-like strings so YAML 1.1
 * readers (cfn-lint's PyYAML) read them back as strings; strings holding characters the two
 * versions read differently are escaped (./yaml-string.ts); no aliases; no line folding.
 * The template writer (./yaml-writer.ts) writes the shapes it covers, byte for byte as the
 * library would and at a fraction of a first run's cost; the library writes everything else.
 */
export function stringifyCloudFormation(template: unknown): string {
  return writeCoveredCloudFormation(template) ?? stringifyCloudFormationWithLibrary(template);
}

/** The template writer's output, or `undefined` for a template holding a shape it does not cover. */
export function writeCoveredCloudFormation(template: unknown): string | undefined {
  return writeCloudFormationYaml(template, resolvesToNonString(new Document(null, WRITER_OPTIONS).schema));
}

/** The `yaml` library's output: the reference the template writer is tested against, and its fallback. */
export function stringifyCloudFormationWithLibrary(template: unknown): string {
  return new Document(template, WRITER_OPTIONS).toString(STRING_OPTIONS);
}

/**
 * The library's own test (stringifyString.js) of whether plain text would be read back as another type: the tests of
 * the schema's default tags, other than strings, and of its `compat` tags. Answers are kept per text, since a
 * template repeats its keys and values many times.
 */
function resolvesToNonString({ tags, compat }: Schema): ResolvesToNonString {
  const tests = [...tags, ...(compat ?? [])].flatMap((tag) =>
    typeof tag === 'object' && tag.default && tag.tag !== STRING_TAG && tag.test !== undefined ? [tag.test] : [],
  );
  const answers = new Map<string, boolean>();
  return (text) => {
    let answer = answers.get(text);
    if (answer === undefined) {
      answer = tests.some((test) => test.test(text));
      answers.set(text, answer);
    }
    return answer;
  };
}

export class CloudFormationYamlError extends Error {
  override name = 'CloudFormationYamlError';
}

/**
 * Parse with the YAML 1.2 core schema plus CloudFormation tags; any warning is an error, and so is
 * a raw character that YAML 1.1 readers (PyYAML: cfn-lint, the SAM CLI) read otherwise, so that a
 * template runs locally only as it would deploy.
 */
export function parseCloudFormation(text: string, source = 'template.yaml'): CfnValue {
  const raw = firstNonPortableCharacter(text);
  if (raw !== undefined) {
    throw new CloudFormationYamlError(
      `${source}: line ${raw.line}, column ${raw.column}: raw ${raw.codePoint}, which YAML 1.1 readers (cfn-lint, the SAM CLI) take as a line break or refuse while YAML 1.2 does not; write it escaped in a double-quoted string ("\\u${raw.codePoint.slice(2).toLowerCase()}")`,
    );
  }
  const doc = parseDocument(text, { customTags: cloudFormationTags(), logLevel: 'silent', uniqueKeys: true });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    throw new CloudFormationYamlError(`${source}: ${problems.map((p) => p.message).join('; ')}`);
  }
  return doc.toJS({ maxAliasCount: 0 }) as CfnValue;
}
