import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Who holds a lock: the pid plus this process's start instant, so a reused pid is not mistaken for us. */
interface LockOwner {
  pid: number;
  timeOrigin: number;
}

export interface DataDirLock {
  release(): void;
}

const LOCK_FILE_NAME = 'dynamodb-service.lock';

function currentOwner(): LockOwner {
  return { pid: process.pid, timeOrigin: performance.timeOrigin };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(lockPath: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(lockPath, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.timeOrigin === 'number'
      ? { pid: owner.pid, timeOrigin: owner.timeOrigin }
      : undefined;
  } catch {
    return undefined; // unreadable or half-written: treated as stale
  }
}

/**
 * Claims `dataDir` for one DynamoDB service. Two dynalite stores on one LevelDB path crash
 * the process (uncaught "Database is not open"), so a second claim fails with a clear error
 * instead. A lock left by a dead process is taken over. Synchronous file calls on purpose:
 * two services starting together in one process can then never both see "no lock".
 */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, LOCK_FILE_NAME);
  const me = currentOwner();
  const content = JSON.stringify(me);
  try {
    writeFileSync(lockPath, content, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = readOwner(lockPath);
    if (owner !== undefined && owner.pid === me.pid && owner.timeOrigin === me.timeOrigin) {
      throw new Error(
        `DynamoDB service: dataDir "${dataDir}" is already used by another DynamoDB service in this process (lock file ${lockPath}); stop that service first or give each service its own dataDir`,
      );
    }
    if (owner !== undefined && owner.pid !== me.pid && isAlive(owner.pid)) {
      throw new Error(
        `DynamoDB service: dataDir "${dataDir}" is already used by process ${owner.pid} (lock file ${lockPath}); stop that process, or delete the lock file if it is not a DynamoDB service`,
      );
    }
    writeFileSync(lockPath, content);
  }
  return {
    release() {
      const owner = readOwner(lockPath);
      // Only remove our own lock: never one another service took over in the meantime.
      if (owner?.pid === me.pid && owner.timeOrigin === me.timeOrigin) rmSync(lockPath, { force: true });
    },
  };
}
