import * as assert from 'assert';
import { NotificationType, RequestType } from 'vscode-jsonrpc';
import * as protocol from '../../../server/src/protocol';

describe('protocol methods', () => {
  it('types every custom method, with the method strings the wire has always had', () => {
    const methods = Object.values(protocol)
      .filter((v) => v instanceof RequestType || v instanceof NotificationType)
      .map((v) => `${v instanceof RequestType ? 'request' : 'notification'} ${v.method}`)
      .sort();
    assert.deepStrictEqual(methods, [
      'notification cdcRouting/deploy/progress',
      'notification cdcRouting/platform/configure',
      'notification cdcRouting/sqlChanged',
      'notification cdcRouting/tail/error',
      'notification cdcRouting/tail/messages',
      'request cdcRouting/deploy/apply',
      'request cdcRouting/deploy/plan',
      'request cdcRouting/filterTestCases',
      'request cdcRouting/generateSql',
      'request cdcRouting/platform/connectorAction',
      'request cdcRouting/platform/connectorCompare',
      'request cdcRouting/platform/connectorConfig',
      'request cdcRouting/platform/connectors',
      'request cdcRouting/platform/flinkJobAction',
      'request cdcRouting/platform/flinkJobExceptions',
      'request cdcRouting/platform/flinkJobs',
      'request cdcRouting/platform/health',
      'request cdcRouting/platform/produceSample',
      'request cdcRouting/platform/topics',
      'request cdcRouting/routePreview',
      'request cdcRouting/runFilterTests',
      'request cdcRouting/tail/pause',
      'request cdcRouting/tail/resume',
      'request cdcRouting/tail/setPartitions',
      'request cdcRouting/tail/start',
      'request cdcRouting/tail/stop',
    ]);
  });
});
