import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readDesiredState } from '../../../server/src/deploy/desiredState';
import { parseFlinkJobName } from '../../../server/src/deploy/jobIdentity';
import { exampleCopy, PROFILE } from './deployFixture';

describe('deploy: what the workspace wants', () => {
  it('one job per filters file, named with its source topic, its file and the hash of the generated SQL', () => {
    const dir = exampleCopy(['filters.yaml', 'filters-examples.yaml']);
    const d = readDesiredState(dir, PROFILE, {});
    assert.deepEqual(d.problems, []);
    assert.deepEqual(
      d.jobs.map((j) => j.file),
      ['flink-jobs/filters-examples.yaml', 'flink-jobs/filters.yaml'],
    );
    for (const job of d.jobs) {
      assert.deepEqual(parseFlinkJobName(job.name), {
        sourceTopic: 'raw-business-events',
        file: path.basename(job.file, '.yaml'),
        hash16: job.hash.slice(0, 16),
      });
      assert.ok(job.sql.includes(`SET 'pipeline.name' = '${job.name}';`), 'the SQL names the job as deploy matches it');
      assert.ok(
        job.sql.includes("'properties.bootstrap.servers' = 'kafka-1:9092,kafka-2:9092'"),
        'bootstrap servers come from the profile',
      );
    }
  });

  it('a deploy of chosen files: only their jobs and topics; the others are listed as left out; an unknown file is a problem', () => {
    const dir = exampleCopy(['filters.yaml', 'filters-examples.yaml']);
    const d = readDesiredState(dir, PROFILE, {}, {}, ['flink-jobs/filters.yaml']);
    assert.deepEqual(d.problems, []);
    assert.deepEqual(
      d.jobs.map((j) => j.file),
      ['flink-jobs/filters.yaml'],
    );
    assert.deepEqual(d.leftOut, ['flink-jobs/filters-examples.yaml']);
    assert.ok(
      d.topics.every((t) => t.writtenBy.every((w) => w === 'flink-jobs/filters.yaml')),
      "only the chosen file's output topics",
    );
    assert.ok(
      d.topics.length > 0 && d.schemas.length === 1 && d.connectors.length === 1,
      'the schema and connector it reads from stay in the plan',
    );
    assert.deepEqual(
      readDesiredState(dir, PROFILE, {}, {}, [path.join(dir, 'flink-jobs/filters.yaml')]).jobs.map((j) => j.file),
      ['flink-jobs/filters.yaml'],
      'an absolute path works too',
    );
    const bad = readDesiredState(dir, PROFILE, {}, {}, ['flink-jobs/nope.yaml']);
    assert.equal(bad.problems.length, 1);
    assert.match(
      bad.problems[0].message,
      /flink-jobs\/nope\.yaml is not a filters file of this workspace \(there are: flink-jobs\/filters-examples\.yaml, flink-jobs\/filters\.yaml\)/,
    );
  });

  it('output topics of the enabled filters, with the profile topic defaults and who writes them', () => {
    const dir = exampleCopy();
    const d = readDesiredState(dir, PROFILE, {});
    assert.deepEqual(
      d.topics.filter((t) => !t.deadLettersOf).map((t) => [t.name, t.partitions, t.replicationFactor]),
      d.jobs[0].outputTopics.map((t) => [t, 6, 3]),
    );
    assert.ok(d.topics.length >= 3);
    assert.deepEqual(d.topics[0].writtenBy, ['flink-jobs/filters.yaml']);
    // a disabled filter's topic is not created
    const text = fs.readFileSync(path.join(dir, 'flink-jobs/filters.yaml'), 'utf8');
    const first = d.topics[0].name;
    const disabled = text.replace(new RegExp(`(outputTopic: ${first}\\n)`), '$1    enabled: false\n');
    assert.notEqual(disabled, text);
    fs.writeFileSync(path.join(dir, 'flink-jobs/filters.yaml'), disabled);
    assert.ok(!readDesiredState(dir, PROFILE, {}).topics.some((t) => t.name === first));
  });

  it("each job's dead-letter topic (default <source topic>.dlq, else source.deadLetterTopic) is a topic to create", () => {
    const dir = exampleCopy();
    const d = readDesiredState(dir, PROFILE, {});
    assert.equal(d.jobs[0].deadLetterTopic, 'raw-business-events.dlq');
    const dlq = d.topics.find((t) => t.name === 'raw-business-events.dlq');
    assert.deepEqual(dlq && [dlq.partitions, dlq.replicationFactor, dlq.writtenBy, dlq.deadLettersOf], [
      6,
      3,
      ['flink-jobs/filters.yaml'],
      ['flink-jobs/filters.yaml'],
    ]);
    const file = path.join(dir, 'flink-jobs/filters.yaml');
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace(/^source:\n/m, 'source:\n  deadLetterTopic: poison-events\n'),
    );
    const named = readDesiredState(dir, PROFILE, {}, {}, ['flink-jobs/filters.yaml']);
    assert.equal(named.jobs[0].deadLetterTopic, 'poison-events');
    assert.ok(named.topics.some((t) => t.name === 'poison-events' && t.deadLettersOf?.length === 1));
    assert.ok(!named.topics.some((t) => t.name === 'raw-business-events.dlq'));
    assert.match(named.jobs[0].sql, /'topic' = 'poison-events'/);
  });

  it('the source schema under <topic>-value only when the profile has a registry', () => {
    const dir = exampleCopy();
    const withRegistry = readDesiredState(dir, PROFILE, {});
    assert.deepEqual(
      withRegistry.schemas.map((s) => [s.subject, s.file]),
      [['raw-business-events-value', 'schemas/raw-event.avsc']],
    );
    const { schemaRegistry: _, ...noRegistry } = PROFILE;
    assert.deepEqual(readDesiredState(dir, noRegistry, {}).schemas, []);
  });

  it('connectors with overrides applied, placeholders kept, the database password secret filled but marked', () => {
    const dir = exampleCopy();
    const plain = readDesiredState(dir, PROFILE, {}).connectors[0];
    assert.equal(plain.name, 'postgres-source-connector');
    assert.equal(plain.config['database.hostname'], 'db.internal');
    assert.equal(plain.config['database.password'], '${env:CDC_POSTGRES_PASSWORD}');
    assert.deepEqual(plain.secretKeys, []);
    const withSecret = readDesiredState(dir, PROFILE, { 'connector.databasePassword': 's3cr3t-pw' }).connectors[0];
    assert.equal(withSecret.config['database.password'], 's3cr3t-pw');
    assert.deepEqual(withSecret.secretKeys, ['database.password']);
  });

  it('a filter that does not generate is a problem at its line, and its file deploys nothing', () => {
    const dir = exampleCopy();
    const file = path.join(dir, 'flink-jobs/filters.yaml');
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace('field: eventHeader.eventName', 'field: eventHeader.noSuchField'),
    );
    const d = readDesiredState(dir, PROFILE, {});
    assert.equal(d.jobs.length, 0);
    assert.equal(d.problems.length, 1);
    assert.match(d.problems[0].message, /^flink-jobs\/filters\.yaml:\d+: .*noSuchField/);
    assert.equal(d.problems[0].file, 'flink-jobs/filters.yaml');
  });

  it('no flink-jobs folder and a broken connector file are problems, not exceptions', () => {
    const dir = exampleCopy([]);
    fs.writeFileSync(path.join(dir, 'connectors/broken.json'), '{ "name": ');
    const d = readDesiredState(dir, PROFILE, {});
    assert.equal(d.jobs.length, 0);
    assert.ok(d.problems.some((p) => /No filters file/.test(p.message)));
    assert.ok(
      d.problems.some((p) => p.kind === 'connector' && /connectors\/broken\.json is not readable JSON/.test(p.message)),
    );
  });

  it('Confluent Cloud profiles get statement names ([a-z0-9-]) and no connector DDL', () => {
    const dir = exampleCopy([]);
    fs.writeFileSync(
      path.join(dir, 'flink-jobs/filters.yaml'),
      'source:\n  topic: raw-business-events\n  schema: ../schemas/raw-event.avsc\nfilters:\n  - id: loans\n    name: Loans\n    consumerId: loan-consumer\n    outputTopic: filtered-loans\n    conditions:\n      - field: eventHeader.eventName\n        operator: equals\n        value: LoanCreated\n',
    );
    const cloud = {
      ...PROFILE,
      confluentCloud: {
        organizationId: 'o',
        environmentId: 'env-1',
        computePoolId: 'lfcp-1',
        region: 'us-east-1',
        provider: 'aws',
      },
    };
    const d = readDesiredState(dir, cloud, {});
    assert.deepEqual(d.problems, []);
    assert.equal(d.target, 'confluent-cloud');
    assert.match(d.jobs[0].name, /^cdc-routing-raw-business-events--filters-[0-9a-f]{16}$/);
    assert.ok(!d.jobs[0].sql.includes('CREATE TABLE'));
  });
});
