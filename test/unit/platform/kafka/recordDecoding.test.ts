import * as assert from 'assert';
import avro from 'avsc';
import {
  decodeBytes,
  decodeRecord,
  parsedValueOf,
  schemaIdsOf,
  wireSchemaId,
} from '../../../../server/src/platform/kafka/recordDecoding';
import type { RawRecord } from '../../../../server/src/platform/kafka/kafkajsInternals';

const noSchemas = () => undefined;

function record(value: Buffer | null, extra: Partial<RawRecord> = {}): RawRecord {
  return { offset: '41', timestamp: '1700000000123', key: Buffer.from('k-1'), value, headers: {}, ...extra };
}

function wire(id: number, body: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.writeInt32BE(id, 1);
  return Buffer.concat([head, body]);
}

describe('tail record decoding', () => {
  it('JSON text is shown as sent, marked json, and its parsed value is kept for the routing column', () => {
    const m = decodeRecord(record(Buffer.from('{"eventHeader":{"eventName":"LoanCreated"}}')), 2, noSchemas);
    assert.deepEqual(
      {
        partition: m.partition,
        offset: m.offset,
        timestamp: m.timestamp,
        key: m.key,
        value: m.value,
        encoding: m.encoding,
        size: m.size,
      },
      {
        partition: 2,
        offset: '41',
        timestamp: 1700000000123,
        key: 'k-1',
        value: '{"eventHeader":{"eventName":"LoanCreated"}}',
        encoding: 'json',
        size: 3 + 43,
      },
    );
    assert.deepEqual(parsedValueOf(m), { eventHeader: { eventName: 'LoanCreated' } });
  });

  it('plain UTF-8 is text (also text that merely starts like JSON); a number is JSON', () => {
    assert.deepEqual(decodeBytes(Buffer.from('héllo wörld'), noSchemas), { text: 'héllo wörld', encoding: 'text' });
    assert.equal(decodeBytes(Buffer.from('{not json'), noSchemas).encoding, 'text');
    assert.equal(decodeBytes(Buffer.from('true story'), noSchemas).encoding, 'text');
    assert.deepEqual(decodeBytes(Buffer.from('42'), noSchemas), { text: '42', encoding: 'json', parsed: 42 });
  });

  it('binary (invalid UTF-8 or control bytes) is hex; null is null', () => {
    assert.deepEqual(decodeBytes(Buffer.from([0xff, 0xfe, 0x41]), noSchemas), { text: 'fffe41', encoding: 'binary' });
    assert.deepEqual(decodeBytes(Buffer.from([0x41, 0x01, 0x42]), noSchemas), { text: '410142', encoding: 'binary' });
    const m = decodeRecord(record(null, { key: null }), 0, noSchemas);
    assert.equal(m.value, null);
    assert.equal(m.key, null);
    assert.equal(m.encoding, 'null');
    assert.equal(m.size, 0);
  });

  it('Confluent wire format with a known schema is decoded Avro (bytes as base64), with the schema id', () => {
    const type = avro.Type.forSchema({
      type: 'record',
      name: 'Loan',
      fields: [
        { name: 'id', type: 'string' },
        { name: 'amount', type: 'double' },
        { name: 'note', type: ['null', 'string'], default: null },
        { name: 'blob', type: 'bytes' },
      ],
    });
    const bytes = wire(7, type.toBuffer({ id: 'L1', amount: 250000.5, note: 'big', blob: Buffer.from([1, 2, 3]) }));
    const m = decodeRecord(record(bytes), 0, (id) => (id === 7 ? type : undefined));
    assert.equal(m.encoding, 'avro');
    assert.equal(m.schemaId, 7);
    assert.deepEqual(JSON.parse(m.value!), { id: 'L1', amount: 250000.5, note: 'big', blob: 'AQID' });
    assert.deepEqual(parsedValueOf(m), JSON.parse(m.value!));
  });

  it('wire format with an unknown schema id, or bytes that are not that schema, shows as hex', () => {
    const bytes = wire(9, Buffer.from([0x02, 0x41]));
    assert.equal(decodeBytes(bytes, noSchemas).encoding, 'binary');
    const type = avro.Type.forSchema({
      type: 'record',
      name: 'R',
      fields: [
        { name: 'a', type: 'long' },
        { name: 'b', type: 'string' },
      ],
    });
    const d = decodeBytes(wire(9, Buffer.from([0x02])), () => type);
    assert.equal(d.encoding, 'binary');
    assert.equal(d.text, wire(9, Buffer.from([0x02])).toString('hex'));
  });

  it('finds the schema ids a batch needs (values and keys), each once', () => {
    assert.equal(wireSchemaId(Buffer.from('{"a":1}')), undefined);
    assert.equal(wireSchemaId(wire(300, Buffer.alloc(0))), 300);
    const ids = schemaIdsOf([
      record(wire(5, Buffer.alloc(1))),
      record(wire(5, Buffer.alloc(1)), { key: wire(6, Buffer.alloc(1)) }),
      record(Buffer.from('x')),
    ]);
    assert.deepEqual(ids.sort(), [5, 6]);
  });

  it('headers become strings; repeated headers are joined; binary headers are hex', () => {
    const m = decodeRecord(
      record(Buffer.from('x'), {
        headers: {
          trace: Buffer.from('abc'),
          tag: [Buffer.from('a'), Buffer.from('b')],
          raw: Buffer.from([0x00, 0xff]),
        },
      }),
      0,
      noSchemas,
    );
    assert.deepEqual(m.headers, { trace: 'abc', tag: 'a, b', raw: '00ff' });
  });
});
