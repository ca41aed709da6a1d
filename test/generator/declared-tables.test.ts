/** `tables`: exact config errors for every hostile input, the tables generated, and what `access.tables` grants. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CfnObject, CfnTemplate } from '../../cfn/types.ts';
import { ConfigError, parseConfig } from '../../generator/config/index.ts';
import { generateTemplate } from '../../generator/index.ts';
import { problemsOf } from '../support/config-problems.ts';
import {
  allow,
  policyStatements as statements,
  propertiesOf as props,
  templateOf as generate,
} from '../support/config-template.ts';

const messages = {
  partitionKey: { name: 'room' },
  sortKey: { name: 'sentAt', type: 'N' },
  ttlAttribute: 'expiresAt',
  indexes: [{ name: 'ByAuthor', partitionKey: { name: 'author' }, sortKey: { name: 'sentAt', type: 'N' } }],
};

const ARN = { 'Fn::GetAtt': ['MessagesTable', 'Arn'] };
const INDEX = { 'Fn::Join': ['/', [ARN, 'index', 'ByAuthor']] };

describe('config: tables', () => {
  it('generates one table per entry: keys, indexes, TTL, on-demand, point-in-time recovery on by default', () => {
    const template = generate({
      tables: { messages, audit: { partitionKey: { name: 'id' }, pointInTimeRecovery: false } },
    });
    assert.deepEqual(template.Resources['MessagesTable'], {
      Type: 'AWS::DynamoDB::Table',
      Properties: {
        TableName: { 'Fn::Sub': '${AWS::StackName}-Messages' },
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'room', AttributeType: 'S' },
          { AttributeName: 'sentAt', AttributeType: 'N' },
          { AttributeName: 'author', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'room', KeyType: 'HASH' },
          { AttributeName: 'sentAt', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'ByAuthor',
            KeySchema: [
              { AttributeName: 'author', KeyType: 'HASH' },
              { AttributeName: 'sentAt', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      },
    });
    const audit = props(template, 'AuditTable');
    assert.deepEqual(audit['PointInTimeRecoverySpecification'], { PointInTimeRecoveryEnabled: false });
    assert.equal(audit['TimeToLiveSpecification'], undefined, 'no TTL attribute, no TTL');
  });

  it('provisioned billing sets the capacity on the table and on each index', () => {
    const billing = { mode: 'PROVISIONED', readCapacityUnits: 5, writeCapacityUnits: 2 };
    const table = props(generate({ tables: { messages: { ...messages, billing } } }), 'MessagesTable');
    const throughput = { ReadCapacityUnits: 5, WriteCapacityUnits: 2 };
    assert.equal(table['BillingMode'], 'PROVISIONED');
    assert.deepEqual(table['ProvisionedThroughput'], throughput);
    assert.deepEqual((table['GlobalSecondaryIndexes'] as CfnObject[])[0]!['ProvisionedThroughput'], throughput);
  });

  it('access.tables grants one statement per action and resource (Query on each index too), and the name in <NAME>_TABLE', () => {
    const template = generate({
      tables: { messages, chatHistory: { partitionKey: { name: 'id' } } },
      routes: { send: { integration: 'lambda', handler: 'h.ts', access: { tables: { messages: ['read', 'write'] } } } },
      functions: { worker: { handler: 'w.ts', access: { tables: { chatHistory: ['write'] } } } },
    });
    assert.deepEqual(statements(template, 'SendFunction'), [
      allow('dynamodb:GetItem', ARN),
      allow('dynamodb:BatchGetItem', ARN),
      allow('dynamodb:Query', ARN),
      allow('dynamodb:Query', INDEX),
      allow('dynamodb:Scan', ARN),
      allow('dynamodb:PutItem', ARN),
      allow('dynamodb:UpdateItem', ARN),
      allow('dynamodb:DeleteItem', ARN),
      allow('dynamodb:BatchWriteItem', ARN),
    ]);
    const variables = (props(template, 'SendFunction')['Environment'] as CfnObject)['Variables'] as CfnObject;
    assert.deepEqual(variables['MESSAGES_TABLE'], { Ref: 'MessagesTable' });
    assert.equal(variables['CHAT_HISTORY_TABLE'], undefined, 'only the tables the function may touch');
    const history = { 'Fn::GetAtt': ['ChatHistoryTable', 'Arn'] };
    assert.deepEqual(statements(template, 'WorkerFunction'), [
      allow('dynamodb:PutItem', history),
      allow('dynamodb:UpdateItem', history),
      allow('dynamodb:DeleteItem', history),
      allow('dynamodb:BatchWriteItem', history),
    ]);
    const worker = (props(template, 'WorkerFunction')['Environment'] as CfnObject)['Variables'] as CfnObject;
    assert.deepEqual(worker['CHAT_HISTORY_TABLE'], { Ref: 'ChatHistoryTable' });
  });

  it('refuses bad names, keys, types, indexes and billing, each with field, rule and value', () => {
    assert.deepEqual(
      problemsOf({
        routes: {},
        tables: {
          Messages: { partitionKey: { name: 'id' } },
          'my-table': { partitionKey: { name: 'id' } },
          sessions: { partitionKey: { name: 'id' } },
          a: { partitionKey: { name: 'bad name', type: 'X' }, ttlAttribute: '1ttl', streams: true },
          b: { partitionKey: { name: 'id' }, sortKey: { name: 'id' } },
          c: {
            partitionKey: { name: 'id' },
            indexes: [
              { name: 'By', partitionKey: { name: 'x' } },
              { name: 'ByX', partitionKey: { name: 'id', type: 'N' } },
              { name: 'ByX', partitionKey: { name: 'y' }, sortKey: { name: 'y' } },
            ],
          },
          d: { partitionKey: { name: 'id' }, ttlAttribute: 'id' },
          e: { partitionKey: { name: 'id' }, billing: { mode: 'PROVISIONED', readCapacityUnits: 0 } },
          f: { partitionKey: { name: 'id' }, billing: { mode: 'FREE' } },
          g: {},
        },
      }),
      [
        'tables.Messages: must be 1-64 letters and digits starting with a lower-case letter (it names the <Name>Table resource, <NAME>_TABLE and ${Table_<name>}) (got "Messages")',
        'tables.my-table: must be 1-64 letters and digits starting with a lower-case letter (it names the <Name>Table resource, <NAME>_TABLE and ${Table_<name>}) (got "my-table")',
        'tables.a.partitionKey.name: must be a DynamoDB attribute name: a letter or _, then letters, digits or _ (max 64) (got "bad name")',
        'tables.a.partitionKey.type: must be one of "S", "N", "B" (got "X")',
        'tables.a.ttlAttribute: must be a DynamoDB attribute name: a letter or _, then letters, digits or _ (max 64) (got "1ttl")',
        'tables.a.streams: unknown field (got true)',
        'tables.c.indexes.0.name: must be 3-255 characters of letters, digits, _ . - (DynamoDB index names) (got "By")',
        'tables.e.billing.readCapacityUnits: must be at least 1 (DynamoDB provisions 1 or more units) (got 0)',
        'tables.e.billing.writeCapacityUnits: must be a number (got nothing)',
        'tables.f.billing.mode: must be one of "PAY_PER_REQUEST", "PROVISIONED" (got "FREE")',
        'tables.g.partitionKey: must be an object (got nothing)',
      ],
    );
    assert.deepEqual(
      problemsOf({
        routes: {},
        tables: {
          sessions: { partitionKey: { name: 'id' } },
          b: { partitionKey: { name: 'id' }, sortKey: { name: 'id' } },
          c: {
            partitionKey: { name: 'id' },
            indexes: [
              { name: 'ByX', partitionKey: { name: 'id', type: 'N' } },
              { name: 'ByX', partitionKey: { name: 'y' }, sortKey: { name: 'y' } },
            ],
          },
          d: {
            partitionKey: { name: 'id' },
            indexes: [{ name: 'ByTtl', partitionKey: { name: 'ttl' } }],
            ttlAttribute: 'ttl',
          },
        },
      }),
      [
        'tables.sessions: is the sessions table (SessionsTable, SESSIONS_TABLE): configure it under sessions, or pick another name (got "sessions")',
        'tables.b.sortKey.name: must differ from the partition key (got "id")',
        'tables.c.indexes.0.partitionKey.type: must be "S": the attribute "id" is a key elsewhere in this table with that type (DynamoDB defines each key attribute once) (got "N")',
        'tables.c.indexes.1.name: index names must be unique in a table (got "ByX")',
        'tables.c.indexes.1.sortKey.name: must differ from the index\'s partition key (got "y")',
        'tables.d.ttlAttribute: must not be a key attribute of the table or an index: an expiry is a Number written on the items, not part of how they are found (got "ttl")',
      ],
    );
    assert.deepEqual(
      problemsOf({
        routes: {},
        tables: {
          t: {
            partitionKey: { name: 'id' },
            indexes: Array.from({ length: 21 }, (_, i) => ({ name: `Index${i}`, partitionKey: { name: 'x' } })),
          },
        },
      }),
      [
        'tables.t.indexes: must hold at most 20 indexes (DynamoDB\'s default quota per table) (got [{"name":"Index0","partitionKey":{"name":"x"}},{"name":"Index1","partitionKey...)',
      ],
    );
  });

  it('refuses access to a table not declared, empty or repeated grants, and a hand-set <NAME>_TABLE', () => {
    assert.deepEqual(
      problemsOf({
        tables: { messages },
        routes: {
          send: {
            integration: 'lambda',
            handler: 'h.ts',
            access: { tables: { messages: ['read', 'read'] } },
          },
        },
        functions: { worker: { handler: 'w.ts', access: { tables: { audit: [], x: ['admin'] } } } },
      }),
      [
        'routes.send.access.tables.messages: must not list an access twice (got ["read","read"])',
        'functions.worker.access.tables.audit: must list read and/or write (leave the table out for no access) (got [])',
        'functions.worker.access.tables.x.0: must be one of "read", "write" (got "admin")',
      ],
    );
    // Which tables exist is a cross-field rule: it speaks once every field is well formed.
    assert.deepEqual(
      problemsOf({
        tables: { messages },
        routes: { send: { integration: 'lambda', handler: 'h.ts', access: { tables: { orders: ['read'] } } } },
        functions: {
          worker: {
            handler: 'w.ts',
            access: { tables: { messages: ['write'], audit: ['read'], x: ['write'] } },
            environment: { MESSAGES_TABLE: 'mine' },
          },
        },
      }),
      [
        'routes.send.access.tables.orders: must name a table declared in tables ("messages") (got "orders")',
        'functions.worker.environment.MESSAGES_TABLE: is set by the generator for access.tables.messages (the table\'s name) (got "MESSAGES_TABLE")',
        'functions.worker.access.tables.audit: must name a table declared in tables ("messages") (got "audit")',
        'functions.worker.access.tables.x: must name a table declared in tables ("messages") (got "x")',
      ],
    );
    assert.deepEqual(
      problemsOf({
        routes: { send: { integration: 'lambda', handler: 'h.ts', access: { tables: { messages: ['read'] } } } },
      }),
      ['routes.send.access.tables.messages: must name a table declared in tables (none is declared) (got "messages")'],
    );
  });

  it('a workflow names a table as ${Table_<name>}; its role is scoped to that table and its index', () => {
    const config = parseConfig({
      tables: { messages },
      routes: { flow: { integration: 'stepFunctions', type: 'STANDARD', workflow: { definition: 'f.asl.json' } } },
      observability: { tracing: false },
    });
    const definition = {
      StartAt: 'Put',
      States: {
        Put: {
          Type: 'Task',
          Resource: 'arn:aws:states:::dynamodb:putItem',
          Parameters: { TableName: '${Table_messages}', Item: {} },
          Next: 'Find',
        },
        Find: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:dynamodb:query',
          Parameters: { TableName: '${Table_messages}', IndexName: 'ByAuthor' },
          End: true,
        },
      },
    };
    const template = JSON.parse(
      JSON.stringify(
        generateTemplate(config, {
          handlers: new Map(),
          workflows: new Map([['flow', { file: 'f.asl.json', definition }]]),
        }),
      ),
    ) as CfnTemplate;
    const role = props(template, 'FlowStateMachineRole');
    const policy = (role['Policies'] as CfnObject[])[0]!['PolicyDocument'] as CfnObject;
    assert.deepEqual(policy['Statement'], [allow('dynamodb:PutItem', ARN), allow('dynamodb:Query', INDEX)]);
    assert.deepEqual((props(template, 'FlowStateMachine')['DefinitionSubstitutions'] as CfnObject)['Table_messages'], {
      Ref: 'MessagesTable',
    });
    const bad = {
      StartAt: 'Find',
      States: {
        Find: {
          Type: 'Task',
          Resource: 'arn:aws:states:::aws-sdk:dynamodb:query',
          Parameters: { TableName: '${Table_messages}', IndexName: 'ByRoom' },
          End: true,
        },
      },
    };
    assert.throws(
      () =>
        generateTemplate(config, {
          handlers: new Map(),
          workflows: new Map([['flow', { file: 'f.asl.json', definition: bad }]]),
        }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.problems.some((p) =>
          p.endsWith(
            'state "Find" Parameters.IndexName: must be an index of table "messages" (ByAuthor) (got "ByRoom")',
          ),
        ),
    );
  });
});
