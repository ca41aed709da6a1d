import type { Node } from 'acorn';

/** An acorn node with its type-specific fields readable by name. */
export type AnyNode = Node & Record<string, unknown>;

/** Calls `check` on every node of an acorn tree, parents before children (position data skipped). */
export function visitNodes(value: unknown, check: (node: AnyNode) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) visitNodes(item, check);
    return;
  }
  if (typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string') return;
  check(value as AnyNode);
  for (const [key, child] of Object.entries(value)) if (key !== 'loc') visitNodes(child, check);
}
