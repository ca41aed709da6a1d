/** What every smoke step shares: the outputs (read lazily: a local stack starts in `before`), settings, the table. */
import { randomUUID } from 'node:crypto';
import type { StackOutputs } from './outputs.ts';
import { openSessionsTable, type SessionsTable } from './sessions.ts';
import type { SmokeSettings } from './settings.ts';

export interface SmokeContext {
  outputs(): StackOutputs;
  sessions(): SessionsTable;
  settings: SmokeSettings;
  /** Unique per test: marks what this run opened (paths, payloads), so parallel runs never mix. */
  uniqueId(): string;
  /** Credentials for SDK clients: dummies for a local stack, the default chain (undefined) on AWS. */
  credentials(): { accessKeyId: string; secretAccessKey: string } | undefined;
  /** Closes the SDK clients; call in `after`. */
  dispose(): void;
}

export function createSmokeContext(getOutputs: () => StackOutputs, settings: SmokeSettings): SmokeContext {
  let table: SessionsTable | undefined;
  return {
    outputs: getOutputs,
    sessions: () => (table ??= openSessionsTable(getOutputs())),
    settings,
    uniqueId: () => `smoke-${randomUUID().slice(0, 8)}`,
    credentials: () =>
      getOutputs().DynamoDBEndpoint !== undefined ? { accessKeyId: 'local', secretAccessKey: 'local' } : undefined,
    dispose: () => {
      table?.destroy();
      table = undefined;
    },
  };
}
