// Checks a parsed raw-business-events value against raw-event.avsc in the JSON encoding the project uses:
// plain JSON, nullable unions as the value or null, enums as strings, maps as objects of strings,
// timestamp-millis as ISO-8601 UTC strings with milliseconds, decimals as JSON numbers.
type AvroType = string | { type: string; [key: string]: unknown } | AvroType[];

const ISO_MILLIS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function rawEventShapeErrors(schema: AvroType, value: unknown, where = '$'): string[] {
  if (Array.isArray(schema)) {
    if (value === null) return schema.includes('null') ? [] : [`${where}: null is not allowed`];
    const branches = schema.filter((b) => b !== 'null');
    const fits = branches.some((b) => rawEventShapeErrors(b, value, where).length === 0);
    return fits ? [] : [`${where}: ${JSON.stringify(value)} fits no branch of ${JSON.stringify(schema)}`];
  }
  const t = typeof schema === 'string' ? { type: schema } : schema;
  switch (t.type) {
    case 'record': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${where}: not an object`];
      const fields = t.fields as { name: string; type: AvroType }[];
      const errors: string[] = [];
      const extra = Object.keys(value).filter((k) => !fields.some((f) => f.name === k));
      if (extra.length) errors.push(`${where}: fields not in the schema: ${extra.join(', ')}`);
      for (const f of fields) {
        const v = (value as Record<string, unknown>)[f.name];
        if (v === undefined) errors.push(`${where}.${f.name}: missing`);
        else errors.push(...rawEventShapeErrors(f.type, v, `${where}.${f.name}`));
      }
      return errors;
    }
    case 'array':
      if (!Array.isArray(value)) return [`${where}: not an array`];
      return value.flatMap((v, i) => rawEventShapeErrors(t.items as AvroType, v, `${where}[${i}]`));
    case 'map':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${where}: not an object`];
      return Object.entries(value).flatMap(([k, v]) => rawEventShapeErrors(t.values as AvroType, v, `${where}.${k}`));
    case 'enum':
      return (t.symbols as string[]).includes(value as string)
        ? []
        : [`${where}: ${JSON.stringify(value)} is not one of ${(t.symbols as string[]).join('|')}`];
    case 'string':
      return typeof value === 'string' ? [] : [`${where}: not a string`];
    case 'int':
      return Number.isInteger(value) ? [] : [`${where}: not an integer`];
    case 'long':
      if (t.logicalType === 'timestamp-millis')
        return typeof value === 'string' && ISO_MILLIS.test(value)
          ? []
          : [`${where}: ${JSON.stringify(value)} is not an ISO-8601 UTC timestamp with milliseconds`];
      return Number.isInteger(value) ? [] : [`${where}: not an integer`];
    case 'bytes':
      if (t.logicalType === 'decimal')
        return typeof value === 'number' ? [] : [`${where}: decimal is not a JSON number`];
      return [`${where}: bytes have no JSON encoding here`];
    default:
      return [`${where}: unsupported schema type ${t.type}`];
  }
}
