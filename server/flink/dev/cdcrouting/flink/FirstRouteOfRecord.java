package dev.cdcrouting.flink;

import java.util.HashSet;
import java.util.Set;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * cdc_routing_first_route(partition, offset, route): TRUE the first time a route is seen for the Kafka record at
 * (partition, offset), FALSE after. The generated routing job joins each event with the elements of its arrays and
 * evaluates every filter per element (the array rule: one element satisfies a filter's conditions on that array),
 * so a filter matching several elements would route the event several times; this keeps the first.
 *
 * <p>It needs no Flink state because the rows of one record are consecutive: the source, the element joins and
 * this call are chained in one task without a shuffle, and a checkpoint barrier never falls between the rows of
 * one record. A record is recognised by its (partition, offset), which only repeats when the job re-reads a
 * record after a restart, and then all of its rows come again.
 */
public class FirstRouteOfRecord extends ScalarFunction {
  private transient int partition = -1;
  private transient long offset = -1;
  private transient Set<String> seen;

  public Boolean eval(Integer recordPartition, Long recordOffset, String route) {
    if (recordPartition == null || recordOffset == null || route == null) {
      return false;
    }
    if (seen == null) {
      seen = new HashSet<>();
    }
    if (recordPartition != partition || recordOffset != offset) {
      partition = recordPartition;
      offset = recordOffset;
      seen.clear();
    }
    return seen.add(route);
  }

  /** The answer depends on the rows before: the planner must neither fold nor reorder nor repeat the call. */
  @Override
  public boolean isDeterministic() {
    return false;
  }
}
