import { Agent } from 'node:http';
import { join } from 'node:path';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { startDynalite, type RunningDynalite } from './dynalite-server.ts';
import { ensureTables } from './ensure-tables.ts';
import { startHttpFront, type HttpFront } from './front.ts';
import { createJsonCaller, rawRequestProblem, sendRawRequest, signedHeaders } from './raw-client.ts';
import { createTtlRegistry, type TtlRegistry } from './ttl-state.ts';
import { startPeriodicSweeper, sweepExpiredItems, type PeriodicSweeper } from './ttl-sweeper.ts';
import type { DynamoDbService, DynamoDbServiceOptions } from './types.ts';
import { checkServiceOptions } from './validate-options.ts';

const TTL_OPERATIONS = new Set(['DescribeTimeToLive', 'UpdateTimeToLive']);

/** Everything a started service holds; absent while stopped. */
interface Running {
  lock: DataDirLock | undefined;
  agent: Agent;
  dynalite: RunningDynalite;
  front: HttpFront;
  registry: TtlRegistry;
  sweeper: PeriodicSweeper | undefined;
}

/** Stops what was started, last first; keeps going past failures and reports the first. */
async function shutDown(parts: Partial<Running>): Promise<void> {
  const steps = [
    () => parts.sweeper?.stop(),
    () => parts.front?.close(),
    () => parts.agent?.destroy(),
    () => parts.dynalite?.close(),
    () => parts.lock?.release(),
  ];
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length > 0) throw failures[0];
}

/**
 * The local stack's DynamoDB: dynalite in-process (on disk under `dataDir`, or in memory),
 * the template's tables created on start, behind an HTTP front that adds the TTL API dynalite
 * lacks, plus a TTL sweeper standing in for AWS's background deletion.
 */
export function createDynamoDbService(options: DynamoDbServiceOptions): DynamoDbService {
  const settings = checkServiceOptions(options);
  const { createRequests, initialTtl } = settings;
  let running: Running | undefined;
  let starting = false;

  function requireRunning(what: string): Running {
    if (running === undefined)
      throw new Error(`DynamoDB service: ${what} is only available between start() and stop()`);
    return running;
  }

  return {
    get endpoint() {
      return requireRunning('endpoint').front.endpoint;
    },

    async start() {
      if (running !== undefined || starting) throw new Error('DynamoDB service: start() called while already started');
      starting = true;
      const parts: Partial<Running> = {};
      try {
        parts.lock = settings.dataDir === undefined ? undefined : acquireDataDirLock(settings.dataDir);
        parts.dynalite = await startDynalite(
          settings.dataDir === undefined ? undefined : join(settings.dataDir, 'dynalite'),
        );
        parts.agent = new Agent({ keepAlive: true });
        const caller = createJsonCaller(parts.dynalite.endpoint, parts.agent);
        await ensureTables(caller, createRequests);
        parts.registry = createTtlRegistry(initialTtl);
        parts.front = await startHttpFront(
          { endpoint: parts.dynalite.endpoint, agent: parts.agent },
          parts.registry,
          settings.port,
          settings.authorize,
        );
        const registry = parts.registry;
        parts.sweeper =
          settings.ttlSweepIntervalMs > 0
            ? startPeriodicSweeper(
                settings.ttlSweepIntervalMs,
                () => sweepExpiredItems(caller, registry, settings.now()),
                (error: unknown) =>
                  settings.log(
                    `TTL sweep failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
                  ),
              )
            : undefined;
        running = parts as Running;
      } catch (error) {
        await shutDown(parts).catch(() => undefined); // the start failure is the error worth reporting
        throw error;
      } finally {
        starting = false;
      }
    },

    async stop() {
      const parts = running;
      running = undefined;
      if (parts !== undefined) await shutDown(parts);
    },

    async sweepExpired() {
      const { dynalite, agent, registry } = requireRunning('sweepExpired()');
      return sweepExpiredItems(createJsonCaller(dynalite.endpoint, agent), registry, settings.now());
    },

    async send(operation, body) {
      const { front, agent, dynalite } = requireRunning('send()');
      // The TTL API lives in the HTTP front (dynalite lacks it); everything else skips both HTTP hops.
      if (TTL_OPERATIONS.has(operation)) return sendRawRequest(front.endpoint, agent, operation, body);
      const problem = rawRequestProblem(operation, body);
      if (problem) throw problem;
      const headers = {
        ...signedHeaders(operation, Date.now()),
        host: front.host,
        'content-length': String(Buffer.byteLength(body)),
      };
      return dynalite.dispatch(headers, body);
    },
  };
}
