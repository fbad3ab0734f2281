import * as assert from 'assert';
import type { ApplyResult, Plan } from '../../../server/src/deploy/planTypes';
import type { CaseResult } from '../../../server/src/filterTests/runFilterTests';
import * as platformProfile from '../../../server/src/platform/connectionProfile';
import type { ConnectorStatus, TaskStatus } from '../../../server/src/platform/connect/connectTypes';
import type { FlinkJob } from '../../../server/src/platform/flink/flinkTypes';
import type { TailMessage, TailStart, TopicInfo } from '../../../server/src/platform/kafka/kafkaTypes';
import * as platformError from '../../../server/src/platform/platformError';
import type * as wire from '../../../server/src/protocol';
import { SECRET_NAMES, secretEnvName, SERVICE_LABELS } from '../../../server/src/protocol';
import type { RoutePreview } from '../../../server/src/routing/routePreview';
import type { SampleProblem } from '../../../server/src/samples/loadSamples';
import type { SqlFormat, SqlTarget, StartupMode } from '../../../server/src/sql/connectorOptions';

/**
 * The protocol declares the wire's types itself (it imports nothing from the server). Where the server's
 * modules have a type of their own for the same data, the two must not drift: tsc checks these lines.
 */
/** Exactly the same (optional members and readonly included), not only assignable both ways. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(ok: Same<A, B>) => ok;
/** What the server sends must be what the wire says (the server may know more). */
const sends = <Server, Wire>(ok: [Server] extends [Wire] ? true : false) => ok;

describe('protocol wire types and the server modules they mirror', () => {
  it('are the same types (checked by tsc)', () => {
    const checks: boolean[] = [
      same<wire.ServiceName, platformError.ServiceName>(true),
      same<wire.ServiceHealth, platformError.ServiceHealth>(true),
      same<wire.SecretName, platformProfile.SecretName>(true),
      same<wire.Secrets, platformProfile.Secrets>(true),
      same<wire.TopicInfo, TopicInfo>(true),
      same<wire.ConnectorStatus, ConnectorStatus>(true),
      same<wire.TaskStatus, TaskStatus>(true),
      same<wire.FlinkJob, FlinkJob>(true),
      same<wire.TailStart, TailStart>(true),
      same<wire.TailMessage, TailMessage>(true),
      same<wire.RoutePreview, RoutePreview>(true),
      same<wire.SampleProblem, SampleProblem>(true),
      same<wire.SqlTarget, SqlTarget>(true),
      same<wire.SqlFormat, SqlFormat>(true),
      same<wire.StartupMode, StartupMode>(true),
      same<wire.FilterTestCaseResult['status'], CaseResult['status']>(true),
      same<wire.FilterTestCaseResult['expected'], CaseResult['expected']>(true),
      // the deploy engine's plan is being reworked on its own: it has to keep sending what the wire says
      sends<Plan, wire.Plan>(true),
      sends<ApplyResult, wire.ApplyResult>(true),
    ];
    assert.ok(checks.every(Boolean));
  });

  it('have the same secret names, environment variables and service labels as the platform', () => {
    assert.deepStrictEqual([...SECRET_NAMES], platformProfile.SECRET_NAMES);
    for (const name of SECRET_NAMES) assert.strictEqual(secretEnvName(name), platformProfile.secretEnvName(name));
    assert.deepStrictEqual(SERVICE_LABELS, platformError.SERVICE_LABELS);
  });
});
