import {
  PLATFORM_CONNECTORS_REQUEST,
  PLATFORM_FLINK_JOBS_REQUEST,
  PLATFORM_HEALTH_REQUEST,
  PLATFORM_TOPICS_REQUEST,
  type PlatformResult,
} from '../../../server/src/lsp/platformProtocol';
import type { ServiceName } from '../../../server/src/platform/platformError';
import { connectorNodes } from './connectorNodes';
import { flinkJobNodes } from './flinkJobNodes';
import { pipelineNodes } from './pipelineNodes';
import { topicNodes } from './topicNodes';
import type { TreeNode } from './treeNode';

export type ViewKey = 'pipeline' | 'topics' | 'connectors' | 'flinkJobs';

export interface ViewSpec {
  key: ViewKey;
  /** The contributed view id. */
  viewId: string;
  method: string;
  what: string;
  /** The service whose health decides this view's backoff (the Pipeline view asks them all). */
  service?: ServiceName;
  build(result: PlatformResult<never>, now: number): TreeNode[];
}

export const VIEWS: ViewSpec[] = [
  {
    key: 'pipeline',
    viewId: 'cdcRouting.pipeline',
    method: PLATFORM_HEALTH_REQUEST,
    what: 'check the services',
    build: (r) => pipelineNodes(r),
  },
  {
    key: 'topics',
    viewId: 'cdcRouting.topics',
    method: PLATFORM_TOPICS_REQUEST,
    what: 'list topics',
    service: 'kafka',
    build: (r, now) => topicNodes(r, now),
  },
  {
    key: 'connectors',
    viewId: 'cdcRouting.connectors',
    method: PLATFORM_CONNECTORS_REQUEST,
    what: 'list connectors',
    service: 'connect',
    build: (r) => connectorNodes(r),
  },
  {
    key: 'flinkJobs',
    viewId: 'cdcRouting.flinkJobs',
    method: PLATFORM_FLINK_JOBS_REQUEST,
    what: 'list Flink jobs',
    service: 'flink',
    build: (r, now) => flinkJobNodes(r, now),
  },
];
