/**
 * Generates samples/raw-events.jsonl: sample events of the `raw-business-events` topic, in the JSON
 * encoding cdc-routing and Flink's `json` format use (plain values for nullable unions, enums as strings,
 * updatedAttributes as an object of strings, timestamp-millis as ISO-8601 UTC with milliseconds,
 * the decimal totalAmount as a JSON number with at most 2 decimals).
 *
 * Deterministic: a seeded PRNG and a fixed base date, so the file only changes when this script does.
 * After writing, every line is re-read, mapped to Avro form and validated against schemas/raw-event.avsc;
 * the script exits non-zero on the first invalid line.
 *
 *   node --import tsx examples/cdc-streaming/scripts/generate-samples.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import * as avro from 'avsc';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'samples', 'raw-events.jsonl');
const SCHEMA = path.join(ROOT, 'schemas', 'raw-event.avsc');

const BASE = Date.UTC(2026, 10, 20); // 2026-11-20T00:00:00.000Z
const NOV_START = Date.UTC(2026, 10, 1);
const NOV_END = Date.UTC(2026, 11, 1);
const COUNT = 260;

// ── PRNG (mulberry32) ─────────────────────────────────────────────────────────────────────────────
let state = 0x5eed_c0de;
function rand(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const chance = (p: number): boolean => rand() < p;
/** A money amount as a number with at most 2 decimals. */
const money = (lo: number, hi: number): number => int(Math.round(lo * 100), Math.round(hi * 100)) / 100;
const fixed2 = (n: number): string => n.toFixed(2);
function uuid(): string {
  const hex = Array.from({ length: 32 }, () => int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = (8 + int(0, 3)).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
const iso = (ms: number): string => new Date(ms).toISOString();
const day = (ms: number): string => iso(ms).slice(0, 10);

// ── Event model (JSON encoding) ───────────────────────────────────────────────────────────────────
type Channel = 'WEB' | 'MOBILE' | 'BRANCH' | 'API' | 'BATCH';
type EntityType = 'Car' | 'Loan' | 'LoanPayment' | 'ServiceRecord';
type Operation = 'c' | 'u' | 'd' | 'r';
interface Entity {
  entityType: EntityType;
  entityId: string;
  version: number | null;
  updatedAttributes: Record<string, string>;
}
interface RawEvent {
  eventHeader: {
    uuid: string;
    eventName: string;
    eventType: string | null;
    createdDate: string;
    savedDate: string | null;
    channel: Channel | null;
    priority: number;
  };
  eventBody: { entities: Entity[]; totalAmount: number | null; currency: string | null };
  sourceMetadata: { table: string; operation: Operation; lsn: number | null; capturedAt: string };
}

// ── Reference data ────────────────────────────────────────────────────────────────────────────────
const CARS: readonly [string, string][] = [
  ['Toyota', 'Corolla'],
  ['Toyota', 'RAV4'],
  ['Honda', 'Civic'],
  ['Ford', 'F-150'],
  ['Tesla', 'Model 3'],
  ['Volkswagen', 'Golf'],
  ['BMW', '320d'],
  ['Škoda', 'Octavia'],
  ['Citroën', 'C4 Picasso'],
  ['Mazda', 'CX-5'],
  ['Hyundai', 'Ioniq 5'],
  ['Subaru', 'Outback'],
  ['Kia', 'Niro'],
  ['Renault', 'Mégane E-Tech'],
];
/** Strings that exercise escaping and unicode in every layer (JSON, SQL literals, the webviews). */
const TRICKY: readonly [string, string][] = [
  ['Citroën', '2CV "Charleston"'],
  ['Mercedes-Benz', 'C\\Klasse (import)'],
  ['トヨタ', 'プリウス'],
  ["O'Brien Motors", "Roadster 'custom'"],
  ['Lada', 'Нива 4×4'],
  ['Fiat', '500 🚗 edition'],
];
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
function vin(): string {
  return Array.from({ length: 17 }, () => VIN_CHARS[int(0, VIN_CHARS.length - 1)]).join('');
}
const BAD_VINS = ['1HGCM82633A00435', 'WVWZZZ1KZAW0O0Q12', 'JH4KA7561PC0I8842', 'not-a-vin', ''];
const SERVICE_TYPES = [
  'Oil change',
  'Brake pads',
  'Tyre rotation',
  'Annual inspection',
  'Battery replacement',
  'Timing belt',
  'Air-con recharge',
  'Oil change – 5W-30 "synthetic"',
  'Diagnose: C:\\OBD\\P0420',
];
const CURRENCIES = ['USD', 'USD', 'USD', 'EUR', 'GBP', 'CAD'];

const loans: string[] = [];
const cars: string[] = [];
let nextLoan = 1000;
let nextCar = 500;
let nextPayment = 70000;
let nextService = 3000;
const newLoanId = (): string => {
  const id = `loan-${nextLoan++}`;
  loans.push(id);
  return id;
};
const newCarId = (): string => {
  const id = `car-${nextCar++}`;
  cars.push(id);
  return id;
};
const someLoan = (): string => (loans.length ? pick(loans) : newLoanId());
const someCar = (): string => (cars.length ? pick(cars) : newCarId());

const status = (base: string): string => {
  const r = rand();
  if (r < 0.7) return base;
  if (r < 0.85) return base.toUpperCase();
  return base[0].toUpperCase() + base.slice(1);
};

// Edge-case loan amounts, consumed one by one by LoanCreated / LoanApproved events.
const EDGE_LOAN_AMOUNTS = [
  '100000',
  '100000.01',
  '99999.99',
  'n/a',
  '',
  ' 120000 ',
  '1e5',
  '-2500.00',
  '100000.00',
  '0',
  '250000',
  '1000000.00',
  '9999.99',
  '10000',
  '50000',
  '50000.00',
];

let forceEdge = false;
function loanAmountText(): string {
  if (EDGE_LOAN_AMOUNTS.length && (forceEdge || chance(0.25))) return EDGE_LOAN_AMOUNTS.shift()!;
  const r = rand();
  if (r < 0.3) return fixed2(money(2000, 20000));
  if (r < 0.7) return fixed2(money(20000, 100000));
  return fixed2(money(100000, 900000));
}
const asNumber = (text: string): number | null => {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) ? n : null;
};

function loanEntity(id: string, attrs: Record<string, string>, version: number | null): Entity {
  return { entityType: 'Loan', entityId: id, version, updatedAttributes: attrs };
}

interface Body {
  entities: Entity[];
  amount: number | null;
  table: string;
  op: Operation;
  eventType: string;
}

function fullLoan(): { e: Entity; amount: number | null } {
  const amountText = loanAmountText();
  const amount = asNumber(amountText);
  const attrs: Record<string, string> = {
    loanAmount: amountText,
    balance: amount !== null && amount >= 0 ? fixed2(amount) : '0.00',
    interestRate: (int(250, 1199) / 100).toFixed(2),
    status: status(pick(['pending', 'pending', 'active'])),
    termMonths: String(pick([12, 24, 36, 48, 60, 72, 84, 120, 360])),
  };
  return { e: loanEntity(newLoanId(), attrs, chance(0.2) ? null : 1), amount };
}

const bodies: Record<string, () => Body> = {
  LoanCreated(): Body {
    const { e, amount } = fullLoan();
    const entities = [e];
    // A refinancing: the new loan and the old one it closes, in one event.
    if (chance(0.12) && loans.length > 3) {
      entities.push(
        loanEntity(
          pick(loans.slice(0, -1)),
          { status: status('closed'), balance: '0.00', loanAmount: fixed2(money(5000, 300000)) },
          int(2, 9),
        ),
      );
    }
    return {
      entities,
      amount: amount !== null && amount > 0 ? Math.round(amount * 100) / 100 : null,
      table: 'loan_entities',
      op: 'c',
      eventType: 'LoanEvent',
    };
  },
  LoanApproved(): Body {
    const amountText = loanAmountText();
    const attrs: Record<string, string> = { status: status('approved') };
    if (chance(0.8)) attrs.loanAmount = amountText;
    if (chance(0.5)) attrs.interestRate = (int(250, 1199) / 100).toFixed(2);
    const amount = attrs.loanAmount !== undefined ? asNumber(attrs.loanAmount) : null;
    return {
      entities: [loanEntity(someLoan(), attrs, int(2, 4))],
      amount: amount !== null && amount > 0 ? Math.round(amount * 100) / 100 : null,
      table: 'loan_entities',
      op: 'u',
      eventType: 'LoanEvent',
    };
  },
  LoanPaymentSubmitted(): Body {
    const loanId = someLoan();
    const pay = money(150, 12000);
    const payAttrs: Record<string, string> = {
      paymentAmount: fixed2(pay),
      paymentDate: day(BASE + int(-19, 10) * 86_400_000),
      loanId,
      status: status(pick(['submitted', 'submitted', 'pending', 'settled', 'rejected'])),
    };
    // Some producers denormalise the amount of the loan onto the payment: the same-entity rule means
    // this never makes the event a "high-value loan".
    if (chance(0.15)) payAttrs.loanAmount = fixed2(money(100001, 600000));
    const entities: Entity[] = [
      {
        entityType: 'LoanPayment',
        entityId: `payment-${nextPayment++}`,
        version: chance(0.3) ? null : 1,
        updatedAttributes: payAttrs,
      },
    ];
    if (chance(0.6)) {
      entities.push(loanEntity(loanId, { balance: fixed2(money(0, 400000)), status: status('active') }, int(2, 30)));
    }
    return { entities, amount: pay, table: 'loan_payment_entities', op: 'c', eventType: 'PaymentEvent' };
  },
  LoanClosed(): Body {
    if (chance(0.25)) return { entities: [], amount: null, table: 'loan_entities', op: 'u', eventType: 'LoanEvent' };
    const attrs: Record<string, string> = {
      status: status(pick(['closed', 'closed', 'defaulted', 'written_off'])),
      balance: chance(0.8) ? '0.00' : fixed2(money(10, 900)),
    };
    return {
      entities: [loanEntity(someLoan(), attrs, int(3, 40))],
      amount: null,
      table: 'loan_entities',
      op: chance(0.15) ? 'd' : 'u',
      eventType: 'LoanEvent',
    };
  },
  CarCreated(): Body {
    const [make, model] = chance(0.15) ? pick(TRICKY) : pick(CARS);
    const year = int(2004, 2027);
    const attrs: Record<string, string> = {
      make,
      model,
      year: String(year),
      vin: chance(0.08) ? pick(BAD_VINS) : vin(),
      status: status(pick(['available', 'available', 'reserved', 'in_service'])),
      mileage: String(year >= 2026 ? int(0, 50) : int(1000, 260000)),
    };
    return {
      entities: [{ entityType: 'Car', entityId: newCarId(), version: 1, updatedAttributes: attrs }],
      amount: null,
      table: 'car_entities',
      op: chance(0.1) ? 'r' : 'c',
      eventType: 'CarEvent',
    };
  },
  CarUpdated(): Body {
    if (chance(0.1)) return { entities: [], amount: null, table: 'car_entities', op: 'u', eventType: 'CarEvent' };
    const attrs: Record<string, string> = {};
    if (chance(0.7)) attrs.mileage = String(int(1000, 320000));
    if (chance(0.6)) attrs.status = status(pick(['available', 'sold', 'reserved', 'retired']));
    if (chance(0.15)) attrs.vin = chance(0.5) ? pick(BAD_VINS) : vin();
    if (chance(0.1))
      attrs.notes = pick([
        'Dent on the rear bumper — see photo "IMG_0042"',
        'Path: \\\\fleet\\docs\\car.pdf',
        'Ключи у администратора',
        'n/a',
      ]);
    if (Object.keys(attrs).length === 0) attrs.status = 'available';
    const op: Operation = chance(0.1) ? 'd' : 'u';
    return {
      entities: [{ entityType: 'Car', entityId: someCar(), version: int(2, 12), updatedAttributes: attrs }],
      amount: null,
      table: 'car_entities',
      op,
      eventType: 'CarEvent',
    };
  },
  CarServiceDone(): Body {
    const carId = someCar();
    const cost = money(49, 4800);
    const entities: Entity[] = [
      {
        entityType: 'ServiceRecord',
        entityId: `service-${nextService++}`,
        version: 2,
        updatedAttributes: {
          serviceType: pick(SERVICE_TYPES),
          serviceDate: day(BASE + int(-19, 10) * 86_400_000),
          cost: fixed2(cost),
          carId,
          status: status('completed'),
        },
      },
      {
        entityType: 'Car',
        entityId: carId,
        version: int(2, 12),
        updatedAttributes: { mileage: String(int(5000, 300000)), status: status('available') },
      },
    ];
    return { entities, amount: cost, table: 'service_record_entities', op: 'u', eventType: 'ServiceEvent' };
  },
  ServiceScheduled(): Body {
    const attrs: Record<string, string> = {
      serviceType: pick(SERVICE_TYPES),
      serviceDate: day(BASE + int(-10, 10) * 86_400_000),
      carId: someCar(),
      status: status('scheduled'),
    };
    if (chance(0.3)) attrs.cost = fixed2(money(49, 1500)); // an estimate
    return {
      entities: [
        { entityType: 'ServiceRecord', entityId: `service-${nextService++}`, version: 1, updatedAttributes: attrs },
      ],
      amount: null,
      table: 'service_record_entities',
      op: 'c',
      eventType: 'ServiceEvent',
    };
  },
  ServiceCompleted(): Body {
    const cost = money(49, 6500);
    const attrs: Record<string, string> = {
      serviceType: pick(SERVICE_TYPES),
      serviceDate: day(BASE + int(-19, 10) * 86_400_000),
      cost: fixed2(cost),
      status: status(pick(['completed', 'completed', 'completed', 'cancelled'])),
    };
    if (chance(0.85)) attrs.carId = someCar(); // a few legacy records lost their car link
    return {
      entities: [
        {
          entityType: 'ServiceRecord',
          entityId: `service-${nextService++}`,
          version: chance(0.2) ? null : int(2, 5),
          updatedAttributes: attrs,
        },
      ],
      amount: cost,
      table: 'service_record_entities',
      op: 'u',
      eventType: 'ServiceEvent',
    };
  },
};

const NAME_WEIGHTS: [string, number][] = [
  ['LoanCreated', 14],
  ['LoanApproved', 9],
  ['LoanPaymentSubmitted', 16],
  ['LoanClosed', 6],
  ['CarCreated', 12],
  ['CarUpdated', 12],
  ['CarServiceDone', 9],
  ['ServiceScheduled', 9],
  ['ServiceCompleted', 9],
];
const TOTAL_WEIGHT = NAME_WEIGHTS.reduce((s, [, w]) => s + w, 0);
function eventName(): string {
  let r = rand() * TOTAL_WEIGHT;
  for (const [n, w] of NAME_WEIGHTS) if ((r -= w) < 0) return n;
  return NAME_WEIGHTS[0][0];
}
function priority(): number {
  const r = rand();
  if (r < 0.45) return 0;
  if (r < 0.8) return int(1, 4);
  if (r < 0.93) return int(5, 7);
  return int(8, 9);
}
const CHANNELS: readonly (Channel | null)[] = ['WEB', 'WEB', 'MOBILE', 'MOBILE', 'BRANCH', 'API', 'API', 'BATCH', null];

// ── Generate ──────────────────────────────────────────────────────────────────────────────────────
function makeEvent(i: number, name: string): RawEvent {
  // Spread over November 2026 in stream order, with jitter; a few arrive late (out of order).
  const slot = (NOV_END - NOV_START - 60_000) / COUNT;
  let created = Math.floor(NOV_START + i * slot + rand() * slot);
  if (chance(0.04)) created -= int(1, 36) * 3_600_000;
  created = Math.max(NOV_START, created);
  const b = bodies[name]();
  const saved = chance(0.15) ? null : created + int(3, 2500);
  const captured = (saved ?? created) + int(20, 4000);
  const currency = b.amount === null ? (chance(0.1) ? 'USD' : null) : chance(0.08) ? null : pick(CURRENCIES);
  return {
    eventHeader: {
      uuid: uuid(),
      eventName: name,
      eventType: chance(0.15) ? null : chance(0.2) ? name : b.eventType,
      createdDate: iso(created),
      savedDate: saved === null ? null : iso(saved),
      channel: b.op === 'r' ? 'BATCH' : pick(CHANNELS),
      priority: priority(),
    },
    eventBody: {
      entities: b.entities,
      totalAmount: b.amount === null || chance(0.05) ? null : b.amount,
      currency,
    },
    sourceMetadata: {
      table: b.table,
      operation: b.op,
      lsn: chance(0.1) ? null : 24_023_128 + i * int(200, 9000),
      capturedAt: iso(captured),
    },
  };
}

const events: RawEvent[] = [];
// Every event name appears early, so a small prefix of the file already covers them all.
const names = NAME_WEIGHTS.map(([n]) => n);
for (let i = 0; i < COUNT; i++) events.push(makeEvent(i, i < names.length ? names[i] : eventName()));
// Make sure the edge amounts not drawn at random still appear (as late, out-of-order events).
forceEdge = true;
while (EDGE_LOAN_AMOUNTS.length) events.push(makeEvent(int(0, COUNT - 1), 'LoanCreated'));
forceEdge = false;
// A handful of fixed edge cases.
{
  const e = makeEvent(int(0, COUNT - 1), 'LoanCreated');
  e.eventHeader.priority = 9;
  e.eventHeader.channel = null;
  e.eventHeader.eventType = null;
  e.eventHeader.savedDate = null;
  e.eventBody.totalAmount = null;
  e.eventBody.currency = null;
  e.sourceMetadata.lsn = null;
  events.push(e);
  const big = makeEvent(int(0, COUNT - 1), 'LoanApproved');
  big.eventBody.entities[0].updatedAttributes.loanAmount = '999999999999.99';
  big.eventBody.totalAmount = 999999999999.99; // the largest decimal(14,2)
  big.eventHeader.channel = 'MOBILE';
  big.eventHeader.priority = 8;
  events.push(big);
  const tiny = makeEvent(int(0, COUNT - 1), 'LoanPaymentSubmitted');
  tiny.eventBody.totalAmount = 0.01;
  tiny.eventBody.entities[0].updatedAttributes.paymentAmount = '0.01';
  events.push(tiny);
  const zero = makeEvent(int(0, COUNT - 1), 'LoanClosed');
  zero.eventBody.totalAmount = 0;
  events.push(zero);
}

fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, events.map((e) => JSON.stringify(e)).join('\n') + '\n');

// ── Check: every line is valid raw-event.avsc data under the JSON encoding ───────────────────────
const type = avro.Type.forSchema(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')) as avro.Schema);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function fail(line: number, msg: string): never {
  console.error(`${path.relative(process.cwd(), OUT)}:${line}: ${msg}`);
  process.exit(1);
}
function millis(line: number, where: string, v: unknown): number {
  if (typeof v !== 'string' || !ISO.test(v) || new Date(v).toISOString() !== v)
    fail(line, `${where}: not an ISO-8601 UTC timestamp with ms: ${JSON.stringify(v)}`);
  return Date.parse(v);
}
/** decimal(14,2) as Avro bytes: big-endian two's complement of the unscaled value. */
function decimalBytes(line: number, v: unknown): Buffer {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(line, `totalAmount: not a number: ${JSON.stringify(v)}`);
  const text = JSON.stringify(v);
  if (!/^-?\d+(\.\d{1,2})?$/.test(text)) fail(line, `totalAmount: more than 2 decimals or exponent: ${text}`);
  const [ip, fp = ''] = text.replace('-', '').split('.');
  const digits = (ip + fp.padEnd(2, '0')).replace(/^0+(?=\d)/, '');
  if (digits.length > 14) fail(line, `totalAmount: more than 14 digits: ${text}`);
  let unscaled = BigInt(digits) * (text.startsWith('-') ? -1n : 1n);
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(unscaled & 0xffn));
    unscaled >>= 8n;
  } while (!((unscaled === 0n && (bytes[0] & 0x80) === 0) || (unscaled === -1n && (bytes[0] & 0x80) !== 0)));
  return Buffer.from(bytes);
}

const lines = fs
  .readFileSync(OUT, 'utf8')
  .split('\n')
  .filter((l) => l !== '');
lines.forEach((l, idx) => {
  const n = idx + 1;
  let e: RawEvent;
  try {
    e = JSON.parse(l) as RawEvent;
  } catch (err) {
    fail(n, `not JSON: ${(err as Error).message}`);
  }
  const h = e.eventHeader;
  if (!UUID.test(h.uuid)) fail(n, `uuid: ${h.uuid}`);
  for (const ent of e.eventBody.entities) {
    for (const [k, v] of Object.entries(ent.updatedAttributes))
      if (typeof v !== 'string') fail(n, `updatedAttributes.${k} is not a string`);
  }
  const avroForm = {
    eventHeader: {
      ...h,
      createdDate: millis(n, 'createdDate', h.createdDate),
      savedDate: h.savedDate === null ? null : millis(n, 'savedDate', h.savedDate),
    },
    eventBody: {
      ...e.eventBody,
      totalAmount: e.eventBody.totalAmount === null ? null : decimalBytes(n, e.eventBody.totalAmount),
    },
    sourceMetadata: { ...e.sourceMetadata, capturedAt: millis(n, 'capturedAt', e.sourceMetadata.capturedAt) },
  };
  const bad: string[] = [];
  if (!type.isValid(avroForm, { errorHook: (p, v) => bad.push(`${p.join('.')} = ${JSON.stringify(v)}`) })) {
    fail(n, `does not match raw-event.avsc: ${bad.join('; ')}`);
  }
  // Round trip through the binary encoding, as Kafka would carry it.
  const back = type.fromBuffer(type.toBuffer(avroForm)) as { eventHeader: { uuid: string } };
  if (back.eventHeader.uuid !== h.uuid) fail(n, 'binary round trip changed the event');
});
const uuids = new Set(lines.map((l) => (JSON.parse(l) as RawEvent).eventHeader.uuid));
if (uuids.size !== lines.length) fail(0, 'duplicate uuids');
console.log(
  `${path.relative(process.cwd(), OUT)}: ${lines.length} events, all valid against ${path.relative(process.cwd(), SCHEMA)}`,
);
