/**
 * Finds citations in the tree that lead nowhere: a `*.md` file that is not in the repository, an
 * anchor (`docs/aws-behaviour.md#apigw-connect`, `[text](#folders)`) that the page does not define,
 * and the old pointers to documents that were never in the repository ("the semantics doc §12",
 * a bare `(§7.2)`, a source tag such as `[O9]`). Section numbers of a named standard (`RFC 6455 §4.2.1`) are fine.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Files whose comments or links can cite a document. */
const CITING_FILE = /\.(?:[cm]?[jt]s|py|sh|ya?ml|hbs|vtl|md)$/;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.local', '.aws-sam', 'tmp']);

/** A path ending in `.md` that does not continue another path or URL, with an optional anchor. */
const MD_REFERENCE = /(?<![\w/.:-])((?:\.\.?\/)*[\w.-]+(?:\/[\w.-]+)*\.md)(?:#([\w-]+))?/g;
const SAME_PAGE_LINK = /\]\(#([\w-]+)\)/g;
const UNKNOWN_DOCUMENT = /\bsemantics doc\b|\bsemantics §/;
/** The old document's source tags (`[O9]`, `[S24]`) in a comment; docs/aws-behaviour.md names its sources. */
const SOURCE_TAG = /^\s*(?:\/\/|\/?\*).*\[[OSCD]\d{1,2}\]/;
const SECTION_SIGN = /§/g;
const NAMED_STANDARD_BEFORE = /(?:RFC \d+|ECMA-\d+|ISO(?:\/IEC)? [\d-]+|\.md(?:#[\w-]+)?),? ?$/;

export interface Repository {
  /** Whether `path` (relative to the repository's root) is a file of the repository. */
  exists(path: string): boolean;
  /** The anchors a Markdown page defines: explicit `id`s and its headings' GitHub slugs. */
  anchorsOf(path: string): ReadonlySet<string>;
}

/** Every broken citation in one file's text, as `file:line: problem`. */
export function citationProblems(file: string, text: string, repository: Repository): string[] {
  const problems: string[] = [];
  text.split('\n').forEach((line, index) => {
    const at = `${file}:${index + 1}`;
    if (UNKNOWN_DOCUMENT.test(line))
      problems.push(
        `${at}: cites "the semantics doc", which is not in the repository; cite docs/aws-behaviour.md#<anchor>`,
      );
    if (SOURCE_TAG.test(line))
      problems.push(
        `${at}: a source tag of a document that is not in the repository; cite docs/aws-behaviour.md#<anchor>`,
      );
    for (const match of line.matchAll(SECTION_SIGN)) {
      if (!NAMED_STANDARD_BEFORE.test(line.slice(0, match.index).replace(/\s+$/, ' ').trimEnd())) {
        problems.push(`${at}: a section number (§) without the document it belongs to`);
      }
    }
    for (const [, target = '', anchor] of line.matchAll(MD_REFERENCE)) {
      const path = resolveDocument(file, target, repository);
      if (path === undefined) {
        problems.push(`${at}: ${target} is not a file of the repository`);
      } else if (anchor !== undefined && !repository.anchorsOf(path).has(anchor)) {
        problems.push(`${at}: ${path} has no anchor #${anchor}`);
      }
    }
    if (file.endsWith('.md')) {
      for (const [, anchor = ''] of line.matchAll(SAME_PAGE_LINK)) {
        if (!repository.anchorsOf(file).has(anchor)) problems.push(`${at}: ${file} has no anchor #${anchor}`);
      }
    }
  });
  return problems;
}

/** A reference is read from the repository's root, then from the citing file's folder. */
function resolveDocument(file: string, target: string, repository: Repository): string | undefined {
  const fromFolder = join(dirname(file), target);
  return [join(target), fromFolder].find((path) => !path.startsWith('..') && repository.exists(path));
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
export function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

export function markdownAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, id = ''] of text.matchAll(/\bid="([\w-]+)"/g)) anchors.add(id);
  for (const [, heading = ''] of text.matchAll(/^#{1,6} (.+)$/gm)) anchors.add(headingSlug(heading));
  return anchors;
}

/** The repository on disk below `root`. */
export function repositoryAt(root: string): Repository & { citingFiles(): string[] } {
  const anchors = new Map<string, Set<string>>();
  return {
    exists: (path) => existsSync(resolve(root, path)),
    anchorsOf(path) {
      let found = anchors.get(path);
      if (found === undefined) {
        found = markdownAnchors(readFileSync(resolve(root, path), 'utf8'));
        anchors.set(path, found);
      }
      return found;
    },
    citingFiles() {
      const files: string[] = [];
      const walk = (folder: string): void => {
        for (const entry of readdirSync(folder, { withFileTypes: true })) {
          const path = join(folder, entry.name);
          if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) walk(path);
          else if (entry.isFile() && CITING_FILE.test(entry.name)) files.push(relative(root, path));
        }
      };
      walk(root);
      return [...files, '.ci/run'].sort();
    },
  };
}
