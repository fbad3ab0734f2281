-- The example's source database: the four entity tables the seed names, and the transactional outbox that
-- Debezium reads. Every change of an entity row writes, in the same transaction, one row into business_events
-- whose payload is the raw business event (examples/cdc-streaming/schemas/raw-event.avsc) as JSON text.
-- Debezium's Outbox Event Router then publishes that payload unchanged to raw-business-events.
--
-- Idempotent: the local stack applies this file on every start.

CREATE TABLE IF NOT EXISTS car_entities (
  id          text PRIMARY KEY,
  make        text,
  model       text,
  year        integer,
  vin         text,
  status      text,
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS loan_entities (
  id             text PRIMARY KEY,
  car_id         text,
  loan_amount    numeric(14, 2),
  balance        numeric(14, 2),
  interest_rate  numeric(6, 3),
  status         text,
  currency       char(3) DEFAULT 'EUR',
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS loan_payment_entities (
  id            text PRIMARY KEY,
  loan_id       text,
  amount        numeric(14, 2),
  payment_date  date,
  status        text,
  currency      char(3) DEFAULT 'EUR',
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS service_record_entities (
  id            text PRIMARY KEY,
  car_id        text,
  service_date  date,
  description   text,
  mileage       integer,
  cost          numeric(14, 2),
  status        text,
  currency      char(3) DEFAULT 'EUR',
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- The outbox. payload is `json`, not `jsonb`: json keeps the text exactly as written (key order included), and
-- Debezium forwards it as a string, so the Kafka record value is byte for byte this column.
-- An application may also insert here directly (e.g. to replay sample events through the real CDC path).
CREATE TABLE IF NOT EXISTS business_events (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  aggregate_type  text NOT NULL,
  aggregate_id    text NOT NULL,
  event_type      text NOT NULL,
  payload         json NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- ISO-8601 UTC with milliseconds, e.g. 2026-11-23T10:15:30.123Z: the encoding of timestamp-millis fields.
CREATE OR REPLACE FUNCTION cdc_iso_millis(ts timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- loan_amount -> loanAmount: the attribute names of updatedAttributes.
CREATE OR REPLACE FUNCTION cdc_camel_case(name text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT lower(left(c, 1)) || substr(c, 2) FROM (SELECT replace(initcap(replace(name, '_', ' ')), ' ', '') AS c) AS t
$$;

-- Trigger arguments: entity type, event name of an insert, amount column, currency column ('' when none).
-- A transaction may set the event's context first: SET LOCAL cdc.channel = 'WEB'; SET LOCAL cdc.priority = '5';
-- SET LOCAL cdc.event_name = 'LoanApproved' (overrides the derived name).
CREATE OR REPLACE FUNCTION cdc_emit_business_event() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  entity_type   text := TG_ARGV[0];
  created_name  text := TG_ARGV[1];
  amount_col    text := NULLIF(TG_ARGV[2], '');
  currency_col  text := NULLIF(TG_ARGV[3], '');
  new_row       jsonb := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END;
  old_row       jsonb := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END;
  cur_row       jsonb := COALESCE(new_row, old_row);
  attrs         jsonb := '{}'::jsonb;
  col           text;
  val           jsonb;
  event_name    text;
  payload       json;
BEGIN
  -- updatedAttributes: every set column of a new row, only the changed ones of an update, as text.
  FOR col, val IN SELECT key, value FROM jsonb_each(cur_row) LOOP
    CONTINUE WHEN col IN ('id', 'version', 'created_at', 'updated_at');
    CONTINUE WHEN val = 'null'::jsonb;
    CONTINUE WHEN TG_OP = 'UPDATE' AND (old_row -> col) IS NOT DISTINCT FROM val;
    attrs := attrs || jsonb_build_object(cdc_camel_case(col), val #>> '{}');
  END LOOP;

  event_name := COALESCE(
    NULLIF(current_setting('cdc.event_name', true), ''),
    CASE TG_OP WHEN 'INSERT' THEN created_name WHEN 'UPDATE' THEN entity_type || 'Updated' ELSE entity_type || 'Deleted' END
  );

  payload := json_build_object(
    'eventHeader', json_build_object(
      'uuid', gen_random_uuid(),
      'eventName', event_name,
      'eventType', entity_type,
      'createdDate', cdc_iso_millis(now()),
      'savedDate', cdc_iso_millis(clock_timestamp()),
      'channel', NULLIF(current_setting('cdc.channel', true), ''),
      'priority', COALESCE(NULLIF(current_setting('cdc.priority', true), '')::integer, 0)
    ),
    'eventBody', json_build_object(
      'entities', json_build_array(json_build_object(
        'entityType', entity_type,
        'entityId', cur_row ->> 'id',
        'version', (cur_row ->> 'version')::integer,
        'updatedAttributes', attrs
      )),
      'totalAmount', CASE WHEN amount_col IS NULL THEN NULL ELSE (cur_row ->> amount_col)::numeric END,
      'currency', CASE WHEN currency_col IS NULL THEN NULL ELSE trim(cur_row ->> currency_col) END
    ),
    'sourceMetadata', json_build_object(
      'table', TG_TABLE_NAME,
      'operation', CASE TG_OP WHEN 'INSERT' THEN 'c' WHEN 'UPDATE' THEN 'u' ELSE 'd' END,
      -- the WAL position while the row is written; the commit's own LSN is not known inside the transaction
      'lsn', (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint,
      -- stamped when the outbox row is written: with an outbox, capture is part of the transaction
      'capturedAt', cdc_iso_millis(clock_timestamp())
    )
  );

  INSERT INTO business_events (aggregate_type, aggregate_id, event_type, payload)
  VALUES (entity_type, cur_row ->> 'id', event_name, payload);
  RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER car_entities_business_event
  AFTER INSERT OR UPDATE OR DELETE ON car_entities
  FOR EACH ROW EXECUTE FUNCTION cdc_emit_business_event('Car', 'CarCreated', '', '');

CREATE OR REPLACE TRIGGER loan_entities_business_event
  AFTER INSERT OR UPDATE OR DELETE ON loan_entities
  FOR EACH ROW EXECUTE FUNCTION cdc_emit_business_event('Loan', 'LoanCreated', 'loan_amount', 'currency');

CREATE OR REPLACE TRIGGER loan_payment_entities_business_event
  AFTER INSERT OR UPDATE OR DELETE ON loan_payment_entities
  FOR EACH ROW EXECUTE FUNCTION cdc_emit_business_event('LoanPayment', 'LoanPaymentSubmitted', 'amount', 'currency');

CREATE OR REPLACE TRIGGER service_record_entities_business_event
  AFTER INSERT OR UPDATE OR DELETE ON service_record_entities
  FOR EACH ROW EXECUTE FUNCTION cdc_emit_business_event('ServiceRecord', 'CarServiceDone', 'cost', 'currency');
