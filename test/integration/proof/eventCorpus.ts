import { JsonNumberText, toJsonText } from './jsonText';
import { SeededRandom } from './seededRandom';

/**
 * The proof's events: deterministic (seeded), schema-valid raw business events that sit on every boundary
 * the example filters test — each operator just below, on and above its bound, NULL and missing optional
 * fields, every entity type, regex near-misses, and the array rule (conditions met by different elements,
 * several matching elements). Timestamps of the relative-time filters are placed hours away from their
 * boundary so the processing-time clock of Flink and the evaluator's clock agree whatever the run takes.
 *
 * Two kinds of rows go to PostgreSQL: outbox rows written directly (any payload, byte for byte — how NULLs,
 * missing fields and odd values get in) and entity rows whose trigger writes the outbox row itself (the
 * real application path; their uuid and timestamps come from PostgreSQL).
 */

/** Omit the field (as opposed to null). */
const MISSING = Symbol('missing');
type Pool<T> = readonly (T | null | typeof MISSING)[];

export interface OutboxEvent {
  kind: 'outbox';
  /** Kafka key (the outbox aggregate_id): how the proof finds the record in raw-business-events. */
  key: string;
  uuid: string;
  aggregateType: string;
  eventName: string;
  /** Exactly the text written to business_events.payload, and so the Kafka record value. */
  payload: string;
  /** What the event exercises, for reports. */
  label: string;
}

export interface EntityChange {
  kind: 'entity';
  /** Kafka key: the entity id (the trigger's aggregate_id). */
  key: string;
  /** The statements, run inside the batch's transaction. */
  sql: string;
  /** Rows changed, so events the trigger writes (one per INSERT, UPDATE and DELETE of one row). */
  events: number;
  label: string;
}

export type CorpusItem = OutboxEvent | EntityChange;

export interface CorpusOptions {
  seed: number;
  /** Random outbox events besides the hand-made ones. */
  randomEvents: number;
  /** 8 hex digits distinguishing this run's keys, uuids and entity ids from earlier runs' in a reused stack. */
  runTag: string;
  /** The real clock at generation: relative timestamps are placed from it. */
  now: number;
}

const H = 3_600_000;
const D = 24 * H;
const M = 60_000;

/** A timestamp relative to the run's clock, written with milliseconds like the trigger writes them. */
function rel(now: number, offsetMs: number): string {
  return new Date(now + offsetMs).toISOString();
}

const EVENT_NAMES = [
  'LoanCreated',
  'LoanApproved',
  'LoanPaymentSubmitted',
  'LoanClosed',
  'ServiceScheduled',
  'ServiceCompleted',
  'CarServiceDone',
  'CarCreated',
  'CarUpdated',
  'CarDeleted',
  'ServiceRecordDeleted',
  'LoanPaymentDeleted',
  // near misses: case, whitespace, prefixes and suffixes, empty
  'loancreated',
  'LOANCREATED',
  'LoanCreated ',
  ' LoanCreated',
  'Loan',
  'XLoanCreated',
  'LoanCreatedV2',
  'CarCreated2',
  '',
  'Loan\nCreated',
  'carupdated',
];
const EVENT_TYPES: Pool<string> = ['Loan', 'Car', 'LoanPayment', 'ServiceRecord', '', null, MISSING];
const CHANNELS: Pool<string> = ['WEB', 'MOBILE', 'BRANCH', 'API', 'BATCH', null, MISSING];
const CURRENCIES: Pool<string> = ['EUR', 'USD', 'usd', 'USD ', '', 'GBP', null, MISSING];
const TABLES = [
  'loan_entities',
  'loan_payment_entities',
  'car_entities',
  'service_record_entities',
  'loan_entities_archive',
  'xloan_entities',
  'loan_payments_entities',
  'LOAN_ENTITIES',
  'loan_entities\n',
];
const OPERATIONS = ['c', 'u', 'd', 'r'];
/** DECIMAL(14, 2): the example bounds 250000.00 (>) and [100.00, 2500.50], each side of them, zero, negative. */
const TOTAL_AMOUNTS: Pool<string> = [
  '250000.00',
  '250000.01',
  '249999.99',
  '250000',
  '100.00',
  '99.99',
  '100',
  '2500.50',
  '2500.51',
  '2500.49',
  '0.00',
  '-5.25',
  '1500.10',
  '999999999999.99',
  '0.01',
  null,
  MISSING,
];
const LSNS: Pool<string> = ['0', '1000', '123456789012', '9007199254740991', null, MISSING];

/** Text attributes cast to DECIMAL(38, 10) by numeric conditions, around each bound of the example filters. */
const NUMBER_TEXTS = {
  loanAmount: [
    '100000',
    '100000.00',
    '100000.0000000001',
    '100000.00000000001',
    '100000.01',
    '99999.99',
    '150000',
    '1e5',
    '1E6',
    ' 150000 ',
    '+200000',
    '-5',
    '10000',
    '9999.99',
    '10000.00',
    '50000',
    '49999.99',
    '50000.0',
    '75000',
    '0',
    '.5',
    'n/a',
    '',
    '150,000',
    'NaN',
    '0x30000',
    'Infinity',
    '12345678901234567890123456789',
    '2e5',
  ],
  balance: ['1000', '1000.00', '1000.0000000001', '999.99', '0', '-1', '1e3', 'n/a', '25000'],
  paymentAmount: ['5000', '4999.99', '5000.00000000001', '5e3', '5000.01', '12000', 'abc', ''],
  mileage: ['150000', '150001', '150000.5', '2e5', '99000', 'n/a'],
  year: ['2015', '2014', '2014.9', '1999', '2020', '20l4'],
  cost: ['1000', '999.99', '1000.00', ' 1000 ', '1,000', '4500', '12.5'],
};
const STATUSES = [
  'active',
  'Active',
  'ACTIVE',
  ' active',
  'active ',
  'inactive',
  'closed',
  'CLOSED',
  'Closed',
  'defaulted',
  'written_off',
  'written-off',
  'completed',
  'Completed',
  'pending',
  '',
];
const VINS = ['1HGCM82633A004352', '1HGCM8263IA004352', 'WVWZZZ1JZ3W386752', 'ioq-lower-case', 'Q', 'O0O0', ''];
const ENTITY_TYPES = ['Car', 'Loan', 'LoanPayment', 'ServiceRecord'];
const VERSIONS: Pool<number> = [0, 1, 3, 4, 5, 12, null, MISSING];

/** Entity ids for `^loan-\d+$`: matching, and wrong at either end or in the middle. */
function entityId(r: SeededRandom, type: string): string {
  const n = r.int(1, 99999);
  if (type !== 'Loan') return `${type.toLowerCase()}-${n}`;
  return r.pick([
    `loan-${n}`,
    `loan-${n}`,
    `loan-${n}a`,
    `xloan-${n}`,
    `LOAN-${n}`,
    'loan-',
    `loan-${n}\n`,
    `loan-٣${n}`,
    `loan--${n}`,
  ]);
}

function attributesFor(r: SeededRandom, type: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const maybe = (p: number, key: keyof typeof NUMBER_TEXTS | 'status' | 'vin' | 'carId') => {
    if (!r.chance(p)) return;
    if (key === 'status') attrs.status = r.pick(STATUSES);
    else if (key === 'vin') attrs.vin = r.pick(VINS);
    else if (key === 'carId') attrs.carId = r.pick(['car-1', 'car-77', '']);
    else attrs[key] = r.pick(NUMBER_TEXTS[key]);
  };
  switch (type) {
    case 'Loan':
      maybe(0.85, 'loanAmount');
      maybe(0.5, 'balance');
      maybe(0.7, 'status');
      maybe(0.3, 'carId');
      break;
    case 'LoanPayment':
      maybe(0.8, 'paymentAmount');
      maybe(0.3, 'loanAmount');
      maybe(0.5, 'status');
      break;
    case 'Car':
      maybe(0.6, 'vin');
      maybe(0.6, 'mileage');
      maybe(0.6, 'year');
      maybe(0.4, 'status');
      maybe(0.15, 'loanAmount');
      break;
    default:
      maybe(0.7, 'cost');
      maybe(0.6, 'carId');
      maybe(0.6, 'status');
      maybe(0.3, 'mileage');
  }
  return attrs;
}

interface Entity {
  entityType: string;
  entityId: string;
  version?: number | null;
  updatedAttributes: Record<string, string>;
}

function entity(r: SeededRandom, type = r.pick(ENTITY_TYPES)): Entity {
  const e: Entity = { entityType: type, entityId: entityId(r, type), updatedAttributes: attributesFor(r, type) };
  const v = r.pick(VERSIONS);
  if (v !== MISSING) e.version = v;
  return e;
}

/** Sets `obj[key]` from a pool value: MISSING leaves the key out, a decimal text becomes an exact JSON number. */
function put(obj: Record<string, unknown>, key: string, v: unknown, asNumber = false): void {
  if (v === MISSING) return;
  obj[key] = v === null ? null : asNumber ? new JsonNumberText(v as string) : v;
}

function entityChange(key: string, statements: string[], label: string): EntityChange {
  const events = statements.filter((st) => /^(INSERT|UPDATE|DELETE)\b/.test(st)).length;
  return { kind: 'entity', key, sql: statements.join('\n'), events, label };
}

interface EventParts {
  eventName: string;
  eventType: string | null | typeof MISSING;
  createdDate: string;
  savedDate: string | null | typeof MISSING;
  channel: string | null | typeof MISSING;
  priority: number;
  entities: Entity[];
  totalAmount: string | null | typeof MISSING;
  currency: string | null | typeof MISSING;
  table: string;
  operation: string;
  lsn: string | null | typeof MISSING;
  capturedAt: string;
}

export function buildCorpus(o: CorpusOptions): CorpusItem[] {
  const r = new SeededRandom(o.seed);
  const items: CorpusItem[] = [];
  const created: string[] = [
    // relative to now, hours away from every withinLast bound (24h, 7d) in both directions
    rel(o.now, -1 * H),
    rel(o.now, -2 * H),
    rel(o.now, +1 * H),
    rel(o.now, -3 * D),
    rel(o.now, -30 * D),
    rel(o.now, -10 * M),
    // the fixed reporting window [2026-11-01T00:00:00.000Z, 2026-11-15T23:59:59.999Z]: on and next to both ends
    '2026-11-01T00:00:00.000Z',
    '2026-10-31T23:59:59.999Z',
    '2026-11-15T23:59:59.999Z',
    '2026-11-16T00:00:00.000Z',
    '2026-11-08T12:00:00.000Z',
    '2026-11-08T12:00:00Z',
    '2026-11-15T23:59:59.9Z',
    '2025-11-08T12:00:00.000Z',
  ];
  const saved: Pool<string> = [
    rel(o.now, -1 * M),
    rel(o.now, -4 * M),
    rel(o.now, +2 * M),
    rel(o.now, -2 * H),
    rel(o.now, -3 * D),
    null,
    MISSING,
  ];
  let n = 0;
  const uuid = () => {
    const h = r.hex(24);
    n++;
    return `${o.runTag}-${h.slice(0, 4)}-4${h.slice(4, 7)}-8${h.slice(7, 10)}-${h.slice(10, 22)}`;
  };

  const outbox = (p: EventParts, label: string) => {
    const id = uuid();
    const header: Record<string, unknown> = { uuid: id, eventName: p.eventName };
    put(header, 'eventType', p.eventType);
    header.createdDate = p.createdDate;
    put(header, 'savedDate', p.savedDate);
    put(header, 'channel', p.channel);
    header.priority = p.priority;
    const body: Record<string, unknown> = { entities: p.entities };
    put(body, 'totalAmount', p.totalAmount, true);
    put(body, 'currency', p.currency);
    const meta: Record<string, unknown> = { table: p.table, operation: p.operation };
    put(meta, 'lsn', p.lsn, true);
    meta.capturedAt = p.capturedAt;
    const key = `proof-${o.runTag}-${n}`;
    const aggregateType = p.entities[0]?.entityType ?? 'None';
    items.push({
      kind: 'outbox',
      key,
      uuid: id,
      aggregateType,
      eventName: p.eventName,
      payload: toJsonText({ eventHeader: header, eventBody: body, sourceMetadata: meta }),
      label,
    });
  };

  // Random events: the first pass walks every pool so each value appears at least once, the rest draw freely.
  const cycle = <T>(pool: readonly T[], i: number) => (i < pool.length * 3 ? pool[i % pool.length] : r.pick(pool));
  for (let i = 0; i < o.randomEvents; i++) {
    const count = r.pick([0, 1, 1, 1, 1, 1, 2, 2, 2, 3]);
    const entities = Array.from({ length: count }, () => entity(r));
    outbox(
      {
        eventName: cycle(EVENT_NAMES, i),
        eventType: cycle(EVENT_TYPES, i),
        createdDate: cycle(created, i),
        savedDate: cycle(saved, i),
        channel: cycle(CHANNELS, i),
        priority: i < 30 ? i % 10 : r.int(0, 9),
        entities,
        totalAmount: cycle(TOTAL_AMOUNTS, i),
        currency: cycle(CURRENCIES, i),
        table: cycle(TABLES, i),
        operation: cycle(OPERATIONS, i),
        lsn: cycle(LSNS, i),
        capturedAt: rel(o.now, -r.int(0, 5000)),
      },
      'random',
    );
  }

  // Hand-made events for the conjunctions random draws rarely meet, and for the array rule.
  const base = (): EventParts => ({
    eventName: 'LoanCreated',
    eventType: 'Loan',
    createdDate: rel(o.now, -1 * H),
    savedDate: rel(o.now, -1 * M),
    channel: 'WEB',
    priority: 3,
    entities: [
      {
        entityType: 'Loan',
        entityId: 'loan-1',
        version: 1,
        updatedAttributes: { loanAmount: '150000', status: 'active' },
      },
    ],
    totalAmount: '150000.00',
    currency: 'EUR',
    table: 'loan_entities',
    operation: 'c',
    lsn: '1000',
    capturedAt: rel(o.now, -1000),
  });
  const variant = (label: string, f: (p: EventParts) => void) => {
    const p = base();
    f(p);
    outbox(p, label);
  };
  const el = (
    entityType: string,
    updatedAttributes: Record<string, string>,
    version: number | null = 1,
    id = `${entityType.toLowerCase()}-7`,
  ): Entity => ({ entityType, entityId: id, version, updatedAttributes });

  // the array rule: every condition on entities[] must hold on ONE element
  variant('array: Loan type and loanAmount on different elements (must not match high-value)', (p) => {
    p.entities = [el('Car', { loanAmount: '200000' }), el('Loan', { loanAmount: '10' })];
  });
  variant('array: two matching Loan elements (high-value routes once)', (p) => {
    p.entities = [el('Loan', { loanAmount: '200000' }, 1, 'loan-1'), el('Loan', { loanAmount: '300000' }, 2, 'loan-2')];
  });
  variant('array: three matching elements', (p) => {
    p.entities = [
      el('Loan', { loanAmount: '200000', status: 'active', balance: '10' }),
      el('Loan', { loanAmount: '300000', status: 'ACTIVE', balance: '5' }),
      el('Loan', { loanAmount: '1e6', status: 'active', balance: '0' }),
    ];
  });
  variant('array: the matching element second', (p) => {
    p.entities = [el('Car', {}), el('Loan', { loanAmount: '200000' })];
  });
  variant('array: status on a Loan, active on a Car (active-loans must not match)', (p) => {
    p.entities = [el('Loan', { status: 'closed' }), el('Car', { status: 'active' })];
  });
  variant('array: mileage and year on different Cars', (p) => {
    p.eventName = 'CarUpdated';
    p.entities = [el('Car', { mileage: '200000', year: '2020' }), el('Car', { mileage: '1000', year: '2001' })];
  });
  variant('array: mileage and year on one Car', (p) => {
    p.eventName = 'CarUpdated';
    p.entities = [el('Car', { mileage: '200000', year: '2001' }), el('Car', { mileage: '1000', year: '2020' })];
  });
  variant('array: cost and carId on different service records', (p) => {
    p.eventName = 'CarServiceDone';
    p.entities = [el('ServiceRecord', { cost: '4000' }), el('ServiceRecord', { carId: 'car-1', cost: '10' })];
  });
  variant('array: cost and carId on one service record', (p) => {
    p.eventName = 'ServiceCompleted';
    p.entities = [el('ServiceRecord', { cost: '4000', carId: 'car-1' })];
  });
  variant('array: empty entities', (p) => {
    p.entities = [];
  });
  variant('array: version on a different element than the type', (p) => {
    p.entities = [el('Loan', {}, null), el('Car', {}, 9)];
  });
  variant('array: VIN with I on a Loan, clean VIN on the Car', (p) => {
    p.entities = [el('Loan', { vin: 'I' }), el('Car', { vin: '1HGCM82633A004352' })];
  });
  // the four conditions of mobile-approved-large-loans: all hold, then each one fails alone
  const mobile = (label: string, f: (p: EventParts) => void) =>
    variant(`mobile-approved: ${label}`, (p) => {
      p.eventName = 'LoanApproved';
      p.channel = 'MOBILE';
      p.priority = 5;
      p.entities = [el('Loan', { loanAmount: '50000.01' })];
      f(p);
    });
  mobile('all hold (priority on the bound, amount just above)', () => undefined);
  mobile('priority 4', (p) => (p.priority = 4));
  mobile('channel WEB', (p) => (p.channel = 'WEB'));
  mobile('channel NULL', (p) => (p.channel = null));
  mobile('channel missing', (p) => (p.channel = MISSING));
  mobile('amount on the bound', (p) => (p.entities = [el('Loan', { loanAmount: '50000' })]));
  mobile('event LoanCreated', (p) => (p.eventName = 'LoanCreated'));
  mobile('priority 9, two elements one large', (p) => {
    p.priority = 9;
    p.entities = [el('Loan', { loanAmount: '10' }), el('LoanPayment', { loanAmount: '90000' })];
  });
  // fresh-payments: LoanPaymentSubmitted saved in the last 30 minutes
  const payment = (label: string, f: (p: EventParts) => void) =>
    variant(`fresh-payments: ${label}`, (p) => {
      p.eventName = 'LoanPaymentSubmitted';
      p.entities = [el('LoanPayment', { paymentAmount: '5000' })];
      f(p);
    });
  payment('saved a minute ago', () => undefined);
  payment('saved two hours ago', (p) => (p.savedDate = rel(o.now, -2 * H)));
  payment('savedDate NULL', (p) => (p.savedDate = null));
  payment('savedDate missing', (p) => (p.savedDate = MISSING));
  payment('saved in two minutes (future is within)', (p) => (p.savedDate = rel(o.now, 2 * M)));
  // recent-expensive-services: name, last 7 days, cost >= 1000 and carId on one element
  const service = (label: string, f: (p: EventParts) => void) =>
    variant(`recent-expensive-services: ${label}`, (p) => {
      p.eventName = 'CarServiceDone';
      p.entities = [el('ServiceRecord', { cost: '1000', carId: 'car-9' })];
      f(p);
    });
  service('all hold, cost on the bound', () => undefined);
  service('created three days ago', (p) => (p.createdDate = rel(o.now, -3 * D)));
  service('created thirty days ago', (p) => (p.createdDate = rel(o.now, -30 * D)));
  service('cost 999.99', (p) => (p.entities = [el('ServiceRecord', { cost: '999.99', carId: 'car-9' })]));
  service('carId empty text (exists)', (p) => (p.entities = [el('ServiceRecord', { cost: '2000', carId: '' })]));
  service('no carId', (p) => (p.entities = [el('ServiceRecord', { cost: '2000' })]));
  service('ServiceScheduled', (p) => (p.eventName = 'ServiceScheduled'));

  // Off the schema on purpose: required fields NULL or missing, as a buggy producer would write them. The
  // generated job declares every column nullable, so Flink must read these as NULL (and route by
  // three-valued logic) rather than fail the job, exactly as the evaluator treats them.
  interface OffSchemaBody {
    entities?:
      { entityType: unknown; updatedAttributes: Record<string, unknown> | null; [key: string]: unknown }[] | null;
    [key: string]: unknown;
  }
  type Fields = Record<string, unknown>;
  const offSchema = (label: string, f: (header: Fields, body: OffSchemaBody, meta: Fields) => void) => {
    const id = uuid();
    const header: Fields = {
      uuid: id,
      eventName: 'LoanCreated',
      eventType: 'Loan',
      createdDate: rel(o.now, -1 * H),
      savedDate: rel(o.now, -1 * M),
      channel: 'MOBILE',
      priority: 8,
    };
    const body: OffSchemaBody = {
      entities: [
        {
          entityType: 'Loan',
          entityId: 'loan-5',
          version: 1,
          updatedAttributes: { loanAmount: '200000', status: 'active', carId: 'car-1' },
        },
      ],
      totalAmount: new JsonNumberText('300000.00'),
      currency: 'EUR',
    };
    const meta: Fields = { table: 'loan_entities', operation: 'd', lsn: 7, capturedAt: rel(o.now, -1000) };
    f(header, body, meta);
    items.push({
      kind: 'outbox',
      key: `proof-${o.runTag}-${n}`,
      uuid: id,
      aggregateType: 'Loan',
      eventName: (header.eventName as string | null | undefined) ?? 'Unnamed',
      payload: toJsonText({ eventHeader: header, eventBody: body, sourceMetadata: meta }),
      label: `off-schema: ${label}`,
    });
  };
  offSchema('eventName missing', (h) => delete h.eventName);
  offSchema('eventName null', (h) => (h.eventName = null));
  offSchema('priority null', (h) => (h.priority = null));
  offSchema('priority missing', (h) => delete h.priority);
  offSchema('createdDate missing', (h) => delete h.createdDate);
  offSchema('entities null', (_h, b) => (b.entities = null));
  offSchema('entities missing', (_h, b) => delete b.entities);
  offSchema('entityType null', (_h, b) => (b.entities![0].entityType = null));
  offSchema('updatedAttributes null', (_h, b) => (b.entities![0].updatedAttributes = null));
  offSchema('an attribute value null', (_h, b) => (b.entities![0].updatedAttributes!.loanAmount = null));
  offSchema('operation missing', (_h, _b, m) => delete m.operation);
  offSchema('sourceMetadata empty', (_h, _b, m) => {
    for (const k of Object.keys(m)) delete m[k];
  });

  // Entity rows: the real trigger path (uuid, timestamps, attributes written by PostgreSQL).
  const num = (k: number) => `${parseInt(o.runTag, 16) % 1_000_000}${String(k).padStart(2, '0')}`;
  const loanAmounts = [
    '100000.00',
    '100000.01',
    '150000.00',
    '9999.99',
    '10000.00',
    '50000.00',
    '75000.00',
    '250000.01',
    null,
  ];
  for (let k = 0; k < 40; k++) {
    const id = `loan-${num(k)}`;
    const amount = loanAmounts[k % loanAmounts.length];
    const status = ['active', 'ACTIVE', 'closed', 'defaulted', 'pending'][k % 5];
    const ctx = [
      `SET LOCAL cdc.channel = '${['WEB', 'MOBILE', 'BATCH', ''][k % 4]}';`,
      `SET LOCAL cdc.priority = '${k % 10}';`,
    ];
    if (k % 7 === 0) ctx.push(`SET LOCAL cdc.event_name = 'LoanApproved';`);
    else ctx.push(`SET LOCAL cdc.event_name = '';`);
    const sql = [
      ...ctx,
      `INSERT INTO loan_entities (id, car_id, loan_amount, balance, interest_rate, status) VALUES ('${id}', ${k % 3 ? `'car-${k}'` : 'NULL'}, ${amount ?? 'NULL'}, ${['500.00', '1000.00', '1000.01', '25000.00'][k % 4]}, 3.5, '${status}');`,
    ];
    if (k % 4 === 1)
      sql.push(`UPDATE loan_entities SET status = 'closed', balance = 0, version = version + 4 WHERE id = '${id}';`);
    if (k % 10 === 3) sql.push(`DELETE FROM loan_entities WHERE id = '${id}';`);
    items.push(entityChange(id, sql, 'loan_entities row'));
  }
  for (let k = 0; k < 20; k++) {
    const id = `car-${num(k)}`;
    const sql = [
      `SET LOCAL cdc.channel = '${['API', 'WEB', ''][k % 3]}'; SET LOCAL cdc.priority = '${(k * 3) % 10}'; SET LOCAL cdc.event_name = '';`,
      `INSERT INTO car_entities (id, make, model, year, vin, status) VALUES ('${id}', 'Volvo', 'XC40', ${2010 + (k % 8)}, '${VINS[k % VINS.length]}', 'active');`,
    ];
    if (k % 3 === 0) sql.push(`UPDATE car_entities SET status = 'sold', version = version + 1 WHERE id = '${id}';`);
    if (k % 5 === 4) sql.push(`DELETE FROM car_entities WHERE id = '${id}';`);
    items.push(entityChange(id, sql, 'car_entities row'));
  }
  for (let k = 0; k < 20; k++) {
    const id = `pay-${num(k)}`;
    const sql = [
      `SET LOCAL cdc.channel = '${['MOBILE', 'BRANCH'][k % 2]}'; SET LOCAL cdc.priority = '${k % 10}'; SET LOCAL cdc.event_name = '';`,
      `INSERT INTO loan_payment_entities (id, loan_id, amount, payment_date, status) VALUES ('${id}', 'loan-${k}', ${['4999.99', '5000.00', '1250.75', '260000.00'][k % 4]}, '2026-11-20', 'submitted');`,
    ];
    items.push(entityChange(id, sql, 'loan_payment_entities row'));
  }
  for (let k = 0; k < 20; k++) {
    const id = `svc-${num(k)}`;
    const sql = [
      `SET LOCAL cdc.channel = ''; SET LOCAL cdc.priority = '${(k * 7) % 10}'; SET LOCAL cdc.event_name = '${k % 4 === 0 ? 'ServiceCompleted' : ''}';`,
      `INSERT INTO service_record_entities (id, car_id, service_date, description, mileage, cost, status) VALUES ('${id}', ${k % 3 ? `'car-${k}'` : 'NULL'}, '2026-11-20', 'inspection', ${150000 + k - 10}, ${['999.99', '1000.00', '2500.50', '100.00'][k % 4]}, '${['completed', 'open', 'Completed'][k % 3]}');`,
    ];
    if (k % 4 === 2)
      sql.push(`UPDATE service_record_entities SET status = 'completed', version = version + 3 WHERE id = '${id}';`);
    items.push(entityChange(id, sql, 'service_record_entities row'));
  }

  // Shuffle (seeded) so outbox and entity rows interleave, then end with a plain LoanCreated.
  for (let i = items.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  variant('last event', () => undefined);
  return items;
}
