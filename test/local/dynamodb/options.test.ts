import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDynamoDbService, type TableDefinition } from '../../../local/dynamodb/index.ts';
import { auditTable, sessionsTable } from './fixtures.ts';

describe('createDynamoDbService option and definition checks', () => {
  it('a PROVISIONED table (the default) needs ProvisionedThroughput, on the table and on each index', () => {
    const { BillingMode: _mode, ...definition } = sessionsTable();

    assert.throws(() => createDynamoDbService({ tables: [definition as TableDefinition] }), {
      name: 'TypeError',
      message:
        'createDynamoDbService: invalid options:\n' +
        '  tables["Sessions"].ProvisionedThroughput: undefined is required when BillingMode is PROVISIONED (the CloudFormation default)\n' +
        '  tables["Sessions"].GlobalSecondaryIndexes[0].ProvisionedThroughput: undefined is required when BillingMode is PROVISIONED (the CloudFormation default)',
    });
  });

  it('capacity units must be whole numbers', () => {
    const definition = { ...auditTable(), ProvisionedThroughput: { ReadCapacityUnits: 'five', WriteCapacityUnits: 1 } };

    assert.throws(() => createDynamoDbService({ tables: [definition] }), {
      message:
        'createDynamoDbService: invalid options:\n  tables["Audit"].ProvisionedThroughput.ReadCapacityUnits: "five" must be a whole number >= 1',
    });
  });

  it('TimeToLiveSpecification.Enabled must be a boolean', () => {
    const definition = {
      ...sessionsTable(),
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: 'yes' as never },
    };

    assert.throws(() => createDynamoDbService({ tables: [definition] }), {
      message: `createDynamoDbService: invalid options:\n  tables["Sessions"].TimeToLiveSpecification.Enabled: "yes" must be true, false, 'true' or 'false'`,
    });
  });

  it('a table may not be defined twice', () => {
    assert.throws(() => createDynamoDbService({ tables: [sessionsTable(), sessionsTable()] }), {
      message: 'createDynamoDbService: invalid options:\n  tables[1].TableName: "Sessions" is listed twice',
    });
  });

  it('port must be a valid TCP port', () => {
    assert.throws(() => createDynamoDbService({ tables: [], port: 70000 }), {
      message: 'createDynamoDbService: invalid options:\n  port: 70000 must be an integer from 0 to 65535',
    });
  });

  it('names every problem at once, across options and table definitions', () => {
    const audit = { ...auditTable(), ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 'x' } };
    assert.throws(
      () => createDynamoDbService({ tables: [audit], port: -1, ttlSweepIntervalMs: Number.POSITIVE_INFINITY }),
      {
        message:
          'createDynamoDbService: invalid options:\n' +
          '  port: -1 must be an integer from 0 to 65535\n' +
          '  ttlSweepIntervalMs: Infinity must be a number >= 0\n' +
          '  tables["Audit"].ProvisionedThroughput.ReadCapacityUnits: 0 must be a whole number >= 1\n' +
          '  tables["Audit"].ProvisionedThroughput.WriteCapacityUnits: "x" must be a whole number >= 1',
      },
    );
  });

  it('endpoint, send() and sweepExpired() need a started service', async () => {
    const service = createDynamoDbService({ tables: [] });

    assert.throws(() => service.endpoint, /endpoint is only available between start\(\) and stop\(\)/);
    await assert.rejects(service.sweepExpired(), /sweepExpired\(\) is only available between start\(\) and stop\(\)/);
  });
});
