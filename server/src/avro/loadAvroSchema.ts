import { Type, type Schema } from 'avsc';
import { isMap, isSeq, isScalar, parseDocument, type Node, type YAMLMap } from 'yaml';
import type { Span } from '../model/span';
import type { AvroField, AvroSchemaModel, AvroType, PrimitiveName } from './avroTypes';

export class AvroSchemaError extends Error {
  constructor(
    message: string,
    readonly span?: Span,
  ) {
    super(message);
  }
}

const PRIMITIVES = new Set<string>(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

/**
 * Reads an .avsc text into the model the language features use. The text is parsed as YAML (JSON is a
 * subset) to keep the span of every declaration for go-to-definition; `avsc` then checks that it is a
 * valid Avro schema, so its rules (names, defaults, references) are not re-implemented here.
 */
export function loadAvroSchema(text: string, file?: string): AvroSchemaModel {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new AvroSchemaError(`not valid JSON: ${e.message.split('\n')[0]}`, { start: e.pos[0], end: e.pos[1] });
  }
  const json = doc.toJS() as Schema;
  try {
    Type.forSchema(json, { wrapUnions: false });
  } catch (err) {
    throw new AvroSchemaError(`not a valid Avro schema: ${(err as Error).message}`);
  }
  const named = new Map<string, AvroType>();
  const root = convert(doc.contents as Node, undefined, named);
  if (root.kind !== 'record') throw new AvroSchemaError(`the top-level type is ${root.kind}; a record is required`);
  return { root, file, text };
}

function span(node: Node | null | undefined): Span {
  return node?.range ? { start: node.range[0], end: node.range[1] } : { start: 0, end: 0 };
}

function str(map: YAMLMap, key: string): string | undefined {
  const v = map.get(key);
  return typeof v === 'string' ? v : undefined;
}

function fullName(name: string, namespace: string | undefined): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

function convert(node: Node, namespace: string | undefined, named: Map<string, AvroType>): AvroType {
  if (isScalar(node)) {
    const name = String(node.value);
    if (PRIMITIVES.has(name)) return { kind: 'primitive', type: name as PrimitiveName };
    const ref = named.get(fullName(name, namespace)) ?? named.get(name);
    if (!ref) throw new AvroSchemaError(`unknown type ${name}`, span(node));
    return ref;
  }
  if (isSeq(node)) {
    const branches = node.items.map((item) => convert(item as Node, namespace, named));
    return { kind: 'union', branches };
  }
  if (!isMap(node)) throw new AvroSchemaError('unexpected schema node', span(node));
  const map = node;
  const typeName = str(map, 'type');
  const logicalType = str(map, 'logicalType');
  const precision = typeof map.get('precision') === 'number' ? (map.get('precision') as number) : undefined;
  const scale = typeof map.get('scale') === 'number' ? (map.get('scale') as number) : undefined;
  const ns = str(map, 'namespace') ?? namespace;
  switch (typeName) {
    case 'record':
    case 'error': {
      const name = fullName(str(map, 'name') ?? 'anonymous', ns);
      const record: Extract<AvroType, { kind: 'record' }> = {
        kind: 'record',
        name,
        doc: str(map, 'doc'),
        fields: [],
        span: span(map),
      };
      named.set(name, record);
      const recordNs = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : ns;
      const fields = map.get('fields', true);
      if (isSeq(fields)) {
        for (const f of fields.items) if (isMap(f)) record.fields.push(convertField(f, recordNs, named));
      }
      return record;
    }
    case 'enum': {
      const name = fullName(str(map, 'name') ?? 'anonymous', ns);
      const symbols = map.get('symbols', true) as Node | undefined;
      const list = isSeq(symbols) ? symbols.items.map((s) => String(isScalar(s) ? s.value : s)) : [];
      const type: AvroType = { kind: 'enum', name, doc: str(map, 'doc'), symbols: list, span: span(map) };
      named.set(name, type);
      return type;
    }
    case 'array':
      return { kind: 'array', items: convert(map.get('items', true) as Node, ns, named) };
    case 'map':
      return { kind: 'map', values: convert(map.get('values', true) as Node, ns, named) };
    case 'fixed': {
      const name = fullName(str(map, 'name') ?? 'anonymous', ns);
      const type: AvroType = { kind: 'fixed', name, size: Number(map.get('size')), logicalType, precision, scale };
      named.set(name, type);
      return type;
    }
    default: {
      const inner = map.get('type', true) as Node;
      if (typeName && PRIMITIVES.has(typeName))
        return { kind: 'primitive', type: typeName as PrimitiveName, logicalType, precision, scale };
      return convert(inner, ns, named);
    }
  }
}

function convertField(map: YAMLMap, namespace: string | undefined, named: Map<string, AvroType>): AvroField {
  const nameNode = map.get('name', true) as Node;
  let type = convert(map.get('type', true) as Node, namespace, named);
  let nullable = false;
  if (type.kind === 'union') {
    const nonNull = type.branches.filter((b) => !(b.kind === 'primitive' && b.type === 'null'));
    if (nonNull.length < type.branches.length) {
      nullable = true;
      if (nonNull.length === 1) type = nonNull[0];
      else type = { kind: 'union', branches: nonNull };
    }
  }
  return {
    name: String(map.get('name')),
    type,
    nullable,
    doc: str(map, 'doc'),
    span: span(map),
    nameSpan: span(nameNode),
  };
}
