/**
 * Table names for topics. Self-managed Flink declares a table per topic: the topic name with every
 * character outside [A-Za-z0-9_] replaced by `_` (`raw-business-events` → `raw_business_events`), made
 * unique with `_2`, `_3` … when two topics would collide (`a.b` and `a-b`). On Confluent Cloud every topic
 * already is a table of that very name, so the topic name is used as is (back-quoted).
 */
export class TableNamer {
  private readonly byTopic = new Map<string, string>();
  private readonly used = new Set<string>();

  constructor(private readonly topicsAreTables: boolean) {}

  name(topic: string): string {
    const known = this.byTopic.get(topic);
    if (known) return known;
    const base = this.topicsAreTables ? topic : topic.replace(/[^A-Za-z0-9_]/g, '_');
    let name = base;
    for (let n = 2; this.used.has(name.toLowerCase()); n++) name = `${base}_${n}`;
    this.used.add(name.toLowerCase());
    this.byTopic.set(topic, name);
    return name;
  }
}
