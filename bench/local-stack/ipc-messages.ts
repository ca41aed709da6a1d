/** The IPC protocol between the bench process and the server process it forks (server-entry.ts). */

/** `raw`: a bare `ws` echo server, the ceiling; `stack`: the local stack, reached through its Distribution. */
export type ServerKind = 'raw' | 'stack';

export type ParentMessage = { type: 'measure-rss' } | { type: 'stop' };

export type ChildMessage =
  | { type: 'ready'; url: string; directUrl: string; directHeaders: Record<string, string> }
  | { type: 'rss'; rssBytes: number }
  | { type: 'failed'; message: string };

export function isServerKind(value: unknown): value is ServerKind {
  return value === 'raw' || value === 'stack';
}
