import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { loadAvroSchema } from '../../../server/src/avro/loadAvroSchema';
import { bindFilters } from '../../../server/src/binding/bindFilters';
import { parseFilters } from '../../../server/src/model/parseFilters';
import { compileRouting } from '../../../server/src/routing/compileFilters';
import { benchEvents } from '../../../bench/fixtures/benchEvents';

const root = path.resolve(__dirname, '../../..');

/**
 * The generated fast path (verdicts) and the explaining path (misses) are two implementations of one
 * semantics: on every event, a filter matches exactly when it has no miss to explain.
 */
describe('fast path and explanations agree', () => {
  const filtersFile = path.join(root, 'bench/fixtures/filters-50.yaml');
  const doc = parseFilters(fs.readFileSync(filtersFile, 'utf8'));
  const schema = loadAvroSchema(
    fs.readFileSync(path.join(root, 'examples/cdc-streaming/schemas/raw-event.avsc'), 'utf8'),
  );
  const { bound } = bindFilters(doc, schema);
  const now = Date.parse('2026-11-24T00:00:00Z');
  const router = compileRouting(bound, { now: () => now });

  const agree = (event: unknown) => {
    for (const f of router.filters) {
      const miss = f.explainMiss(event, now);
      if (f.matches(event, now) !== (miss === undefined)) {
        assert.fail(
          `${f.filter.id}: matches=${f.matches(event, now)} but miss=${miss?.reason} on ${JSON.stringify(event)}`,
        );
      }
    }
  };

  it('on 3,000 generated events × 50 filters', () => {
    for (const e of benchEvents(3000, 11)) agree(e);
  });

  it('on random values in every field (NULLs, text, numbers, odd timestamps)', () => {
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '',
        ' 12 ',
        '1e5',
        'n/a',
        '100000',
        '100000.00000000001',
        '-0',
        '.5',
        'NaN',
        'Infinity',
        '0x10',
        'LoanCreated',
        'Loan',
        'active',
        'VIN123',
      ),
    );
    const num = fc.oneof(
      fc.integer({ min: -1000, max: 1_000_000 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(100000, 100000.01, 100.1, 0.3),
    );
    const stamp = fc.oneof(
      fc
        .date({ min: new Date('2026-10-01T00:00:00Z'), max: new Date('2026-12-01T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.constantFrom(
        '2026-11-23T12:00:00Z',
        '2026-11-23T12:00:00.1Z',
        '2026-11-23',
        'yesterday',
        '2026-13-01T00:00:00.000Z',
      ),
    );
    const maybe = <T>(a: fc.Arbitrary<T>) =>
      fc.oneof(
        a,
        fc.constant(null),
        fc.constant(undefined),
        text as fc.Arbitrary<unknown>,
        num as fc.Arbitrary<unknown>,
      );
    const attrs = fc.dictionary(
      fc.constantFrom(
        'loanAmount',
        'balance',
        'status',
        'paymentAmount',
        'vin',
        'mileage',
        'year',
        'cost',
        'carId',
        'constructor',
        'toString',
      ),
      maybe(text),
      { maxKeys: 6 },
    );
    const entity = fc.record(
      {
        entityType: maybe(fc.constantFrom('Car', 'Loan', 'LoanPayment', 'ServiceRecord')),
        entityId: maybe(text),
        version: maybe(num),
        updatedAttributes: fc.oneof(attrs, fc.constant(null)),
      },
      { requiredKeys: [] },
    );
    const event = fc.record({
      eventHeader: fc.record(
        {
          uuid: text,
          eventName: maybe(
            fc.constantFrom(
              'LoanCreated',
              'LoanApproved',
              'LoanPaymentSubmitted',
              'CarCreated',
              'ServiceCompleted',
              'CarServiceDone',
            ),
          ),
          eventType: maybe(text),
          createdDate: maybe(stamp),
          savedDate: maybe(stamp),
          channel: maybe(fc.constantFrom('WEB', 'MOBILE', 'BRANCH', 'API', 'BATCH')),
          priority: maybe(fc.integer({ min: 0, max: 9 })),
        },
        { requiredKeys: [] },
      ),
      eventBody: fc.record(
        {
          entities: fc.oneof(fc.array(entity, { maxLength: 3 }), fc.constant(null)),
          totalAmount: maybe(num),
          currency: maybe(fc.constantFrom('EUR', 'USD', 'CHF')),
        },
        { requiredKeys: [] },
      ),
      sourceMetadata: fc.record(
        {
          table: maybe(fc.constantFrom('loan_entities', 'car_entities')),
          operation: maybe(fc.constantFrom('c', 'u', 'd', 'r')),
          lsn: maybe(num),
          capturedAt: maybe(stamp),
        },
        { requiredKeys: [] },
      ),
    });
    fc.assert(
      fc.property(event, (e) => agree(e)),
      { numRuns: 3000, seed: 5 },
    );
  });
});
