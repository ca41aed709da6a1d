import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDynamoDbService, type TableDefinition } from '../../../local/dynamodb/index.ts';
import { auditTable, sessionsTable } from './fixtures.ts';

describe('createDynamoDbService option and definition checks', () => {
  it('a PROVISIONED table (the default) needs ProvisionedThroughput', () => {
    const { BillingMode: _mode, ...definition } = sessionsTable();

    assert.throws(() => createDynamoDbService({ tables: [definition as TableDefinition] }), {
      name: 'TypeError',
      message: 'DynamoDB table definition: tables["Sessions"].ProvisionedThroughput is required when BillingMode is PROVISIONED (the CloudFormation default), got undefined',
    });
  });

  it('capacity units must be whole numbers', () => {
    const definition = { ...auditTable(), ProvisionedThroughput: { ReadCapacityUnits: 'five', WriteCapacityUnits: 1 } };

    assert.throws(() => createDynamoDbService({ tables: [definition] }), {
      message: 'DynamoDB table definition: tables["Audit"].ProvisionedThroughput.ReadCapacityUnits must be a whole number >= 1, got "five"',
    });
  });

  it('TimeToLiveSpecification.Enabled must be a boolean', () => {
    const definition = { ...sessionsTable(), TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: 'yes' as never } };

    assert.throws(() => createDynamoDbService({ tables: [definition] }), {
      message: `DynamoDB table definition: tables["Sessions"].TimeToLiveSpecification.Enabled must be true, false, 'true' or 'false', got "yes"`,
    });
  });

  it('a table may not be defined twice', () => {
    assert.throws(() => createDynamoDbService({ tables: [sessionsTable(), sessionsTable()] }), {
      message: 'createDynamoDbService: options.tables must not name a table twice, got "Sessions"',
    });
  });

  it('port must be a valid TCP port', () => {
    assert.throws(() => createDynamoDbService({ tables: [], port: 70000 }), {
      message: 'createDynamoDbService: options.port must be an integer from 0 to 65535, got 70000',
    });
  });

  it('endpoint, send() and sweepExpired() need a started service', async () => {
    const service = createDynamoDbService({ tables: [] });

    assert.throws(() => service.endpoint, /endpoint is only available between start\(\) and stop\(\)/);
    await assert.rejects(service.sweepExpired(), /sweepExpired\(\) is only available between start\(\) and stop\(\)/);
  });
});
