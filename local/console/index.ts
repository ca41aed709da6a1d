import type { ExtraRoute } from '../aws-api/index.ts';
import type { GatewayObserver } from '../api/index.ts';
import { createConsoleFeed } from './feed.ts';
import { CONSOLE_PATH, consoleRoutes } from './routes.ts';
import type { ConsoleSources } from './types.ts';

export { CONSOLE_PATH };
export type { ConsoleSources };

export interface LocalConsole {
  /** Serves `/_console/` on the local AWS endpoint. */
  route: ExtraRoute;
  /** Hooked into the gateway: connections, their messages both ways. */
  observer: GatewayObserver;
  close(): void;
}

/** The local console: a page on the local AWS endpoint showing the stack live (local/FEATURES.md, "Local console"). */
export function createLocalConsole(sources: ConsoleSources, port: () => number): LocalConsole {
  const feed = createConsoleFeed(sources);
  return { route: consoleRoutes(feed, sources, port), observer: feed.observer, close: () => feed.close() };
}
