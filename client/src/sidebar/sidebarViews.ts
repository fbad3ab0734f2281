import {
  PlatformConnectorsRequest,
  PlatformFlinkJobsRequest,
  PlatformHealthRequest,
  PlatformTopicsRequest,
  type PlatformResult,
  type ProfileParams,
  type RequestType,
  type ServiceName,
} from '../../../server/src/protocol';
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
  /** The view's data: each view's request answers its own type, which `build` takes. */
  request: RequestType<ProfileParams | undefined, PlatformResult<unknown>, void>;
  what: string;
  /** The service whose health decides this view's backoff (the Pipeline view asks them all). */
  service?: ServiceName;
  build(result: PlatformResult<never>, now: number): TreeNode[];
}

export const VIEWS: ViewSpec[] = [
  {
    key: 'pipeline',
    viewId: 'cdcRouting.pipeline',
    request: PlatformHealthRequest,
    what: 'check the services',
    build: (r) => pipelineNodes(r),
  },
  {
    key: 'topics',
    viewId: 'cdcRouting.topics',
    request: PlatformTopicsRequest,
    what: 'list topics',
    service: 'kafka',
    build: (r, now) => topicNodes(r, now),
  },
  {
    key: 'connectors',
    viewId: 'cdcRouting.connectors',
    request: PlatformConnectorsRequest,
    what: 'list connectors',
    service: 'connect',
    build: (r) => connectorNodes(r),
  },
  {
    key: 'flinkJobs',
    viewId: 'cdcRouting.flinkJobs',
    request: PlatformFlinkJobsRequest,
    what: 'list Flink jobs',
    service: 'flink',
    build: (r, now) => flinkJobNodes(r, now),
  },
];
