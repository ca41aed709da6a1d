import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DescribeTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoDbService } from '../../../local/dynamodb/index.ts';
import { sdkClient, sessionsTable, withTempDir } from './fixtures.ts';

const LOCK_FILE = 'dynamodb-service.lock';

describe('on-disk store (dataDir)', () => {
  it('keeps tables and items across stop/start without recreating the table', async () => {
    await withTempDir(async (dataDir) => {
      const first = createDynamoDbService({ dataDir, tables: [sessionsTable()] });
      await first.start();
      const firstClient = sdkClient(first.endpoint);
      await firstClient.send(
        new PutItemCommand({ TableName: 'Sessions', Item: { connectionId: { S: 'kept' }, identity: { S: 'CP001' } } }),
      );
      const created = (await firstClient.send(new DescribeTableCommand({ TableName: 'Sessions' }))).Table
        ?.CreationDateTime;
      firstClient.destroy();
      await first.stop();

      const second = createDynamoDbService({ dataDir, tables: [sessionsTable()] });
      await second.start();
      const secondClient = sdkClient(second.endpoint);
      try {
        const { Item } = await secondClient.send(
          new GetItemCommand({ TableName: 'Sessions', Key: { connectionId: { S: 'kept' } } }),
        );
        const { Table } = await secondClient.send(new DescribeTableCommand({ TableName: 'Sessions' }));

        assert.deepEqual(Item, { connectionId: { S: 'kept' }, identity: { S: 'CP001' } });
        assert.deepEqual(Table?.CreationDateTime, created);
      } finally {
        secondClient.destroy();
        await second.stop();
      }
    });
  });

  it('refuses a second service on the same dataDir with a clear error, and allows it after stop()', async () => {
    await withTempDir(async (dataDir) => {
      const first = createDynamoDbService({ dataDir, tables: [sessionsTable()] });
      const second = createDynamoDbService({ dataDir, tables: [sessionsTable()] });
      await first.start();
      try {
        await assert.rejects(second.start(), {
          message: `DynamoDB service: dataDir "${dataDir}" is already used by another DynamoDB service in this process (lock file ${join(dataDir, LOCK_FILE)}); stop that service first or give each service its own dataDir`,
        });
      } finally {
        await first.stop();
      }
      assert.equal(existsSync(join(dataDir, LOCK_FILE)), false);

      await second.start();
      await second.stop();
    });
  });

  it('takes over a lock left behind by a process that no longer runs', async () => {
    await withTempDir(async (dataDir) => {
      writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: 2 ** 31 - 2, timeOrigin: 0 }));
      const service = createDynamoDbService({ dataDir, tables: [sessionsTable()] });

      await service.start();
      await service.stop();

      assert.equal(existsSync(join(dataDir, LOCK_FILE)), false);
    });
  });

  it('a failed start releases everything, so a corrected service can start on the same dataDir', async () => {
    await withTempDir(async (dataDir) => {
      const broken = {
        ...sessionsTable(),
        KeySchema: [{ AttributeName: 'undefinedAttribute', KeyType: 'HASH' as const }],
      };
      const failing = createDynamoDbService({ dataDir, tables: [broken] });

      await assert.rejects(
        failing.start(),
        /creating table "Sessions" failed: .*ValidationException.*Some index key attributes are not defined/,
      );

      const corrected = createDynamoDbService({ dataDir, tables: [sessionsTable()] });
      await corrected.start();
      await corrected.stop();
    });
  });
});
