/**
 * The symmetric life cycle every local service has (docs/architecture.md#local-stack): created by a
 * factory with its options, started and stopped by the stack in local/stack/index.ts.
 */
export interface LocalService {
  start(): Promise<void>;
  stop(): Promise<void>;
}
