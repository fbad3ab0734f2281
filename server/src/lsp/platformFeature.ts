import * as path from 'path';
import type { Connection } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { connectorFiles, loadConnector, shownValue } from '../deploy/connectorConfig';
import { sourceTopic } from '../model/filterTypes';
import type { ConnectionProfile } from '../platform/connectionProfile';
import type { FlinkJob } from '../platform/flink/flinkTypes';
import type { Platform } from '../platform/platform';
import { checkHealth, HEALTH_TIMEOUT_MS } from '../platform/health';
import { PlatformError, SERVICE_LABELS, type ServiceHealth, type ServiceName } from '../platform/platformError';
import { redactSecrets } from '../platform/redactSecrets';
import {
  ConnectorActionRequest,
  ConnectorCompareRequest,
  ConnectorConfigRequest,
  FlinkJobActionRequest,
  FlinkJobExceptionsRequest,
  PlatformConfigureNotification,
  PlatformConnectorsRequest,
  PlatformFlinkJobsRequest,
  PlatformHealthRequest,
  PlatformTopicsRequest,
  ProduceSampleRequest,
  type ConnectorCompareParams,
  type ConnectorCompareResult,
  type ConnectorsResult,
  type FlinkJobActionResult,
  type FlinkJobsResult,
  type HealthResult,
  type PlatformResult,
  type ProduceSampleResult,
  type ProfileParams,
  type TopicsResult,
} from '../protocol';
import type { SampleCache } from '../samples/sampleCache';
import type { Analysis } from './analysis';
import { asResult, bounded, errorInfo, ProfileProblem, serviceWhere } from './platformCall';
import type { PlatformSession } from './platformSession';
import { orderTopics, topicUses } from './platformTopics';
import { onNotification, onRequest } from './protocolConnection';

export interface PlatformFeatureDeps {
  session: PlatformSession;
  /** Analyses of the open filters files (their topics come first in the Topics view). */
  openFilters: () => Analysis[];
  analysisOf: (uri: string) => Analysis | undefined;
  samples: SampleCache;
  /** ms; a view's call to one service (default 8 s) and a stop-with-savepoint (default 120 s). */
  callTimeoutMs?: number;
  savepointTimeoutMs?: number;
}

/** Flink job states after which details (checkpoints, exceptions) no longer change. */
const ENDED = new Set(['FINISHED', 'CANCELED', 'FAILED']);

type ServiceClient<S extends ServiceName> = NonNullable<Platform[S]>;

/** Registers the sidebar's requests: the views' data and their actions, each answered as a PlatformResult. */
export function registerPlatform(connection: Connection, deps: PlatformFeatureDeps): void {
  const { session } = deps;
  const callMs = deps.callTimeoutMs ?? 8000;
  const savepointMs = deps.savepointTimeoutMs ?? 120_000;
  const secrets = () => session.allSecretValues();

  /** Runs `work` against one service of a profile, bounded; an unknown profile or absent service is a clear error too. */
  function withService<S extends ServiceName, T>(
    params: ProfileParams | undefined,
    service: S,
    what: string,
    work: (client: ServiceClient<S>, profile: ConnectionProfile, where: string) => Promise<T>,
    ms = callMs,
  ): Promise<PlatformResult<T>> {
    const profile = session.profile(params?.profile);
    const where = profile ? serviceWhere(profile, service) : 'settings cdcRouting.profiles';
    return asResult(
      async () => {
        if (!profile) throw unknownProfile(what, params?.profile ?? session.activeProfile);
        // building the clients may fail too (e.g. an unreadable CA file): that is an answer, not a crash
        const platform = session.platform(profile.name)!;
        const client = platform[service] as ServiceClient<S> | undefined;
        if (!client)
          throw new ProfileProblem(
            what,
            `profile "${platform.profile.name}"`,
            `the profile names no ${SERVICE_LABELS[service]}`,
            `add it to the profile in the setting cdcRouting.profiles`,
          );
        return bounded(work(client, platform.profile, where), ms, service, what, where);
      },
      { service, what, where },
      secrets,
    );
  }

  function unknownProfile(what: string, name: string): ProfileProblem {
    const problems = session.profileProblems.length ? ` (${session.profileProblems.join('; ')})` : '';
    return new ProfileProblem(
      what,
      'settings cdcRouting.profiles',
      `no connection profile is named "${name}"${problems}`,
      `choose one with "CDC Routing: Select Profile…"; known: ${session.profileNames().join(', ')}`,
    );
  }

  onNotification(connection, PlatformConfigureNotification, (params) => session.configure(params));

  onRequest(connection, PlatformHealthRequest, async (params): Promise<PlatformResult<HealthResult>> => {
    const name = params?.profile ?? session.activeProfile;
    let platform: Platform | undefined;
    try {
      platform = session.platform(name);
      if (!platform) throw unknownProfile('check the services', name);
    } catch (err) {
      return {
        ok: false,
        error: errorInfo(err, { what: 'check the services', where: `profile "${name}"` }, secrets()),
      };
    }
    const services = await checkHealth(platform, Math.min(callMs, HEALTH_TIMEOUT_MS));
    return {
      ok: true,
      value: { profile: platform.profile.name, services: services.map((h) => redactHealth(h, secrets())) },
    };
  });

  onRequest(connection, PlatformTopicsRequest, (params) =>
    withService(params, 'kafka', 'list topics', async (kafka) => {
      const topics = await kafka.listTopics();
      const files = (
        params?.filtersUris?.map((u) => deps.analysisOf(u)).filter((a): a is Analysis => !!a) ?? deps.openFilters()
      ).map((a) => ({ uri: a.uri, doc: a.doc }));
      return orderTopics(topics, topicUses(files)) satisfies TopicsResult;
    }),
  );

  onRequest(connection, PlatformConnectorsRequest, (params) =>
    withService(params, 'connect', 'list connectors', async (connect): Promise<ConnectorsResult> => {
      const connectors = await connect.list();
      return { connectors: connectors.map((c) => ({ ...c, config: maskConfig(c.config) })) };
    }),
  );

  onRequest(connection, PlatformFlinkJobsRequest, (params) =>
    withService(params, 'flink', 'list Flink jobs', async (flink): Promise<FlinkJobsResult> => {
      const overview = await flink.listJobs();
      // details (restarts, last exception and checkpoint) only for jobs that still change; an overview row if they fail
      const jobs = await Promise.all(
        overview.map((j) => (ENDED.has(j.state) ? Promise.resolve(j) : flink.job(j.id).catch((): FlinkJob => j))),
      );
      jobs.sort((a, b) => Number(ENDED.has(a.state)) - Number(ENDED.has(b.state)) || b.startTime - a.startTime);
      return {
        jobs,
        webUiUrl: flink.webUiUrl(),
        jobUrls: Object.fromEntries(jobs.map((j) => [j.id, flink.webUiUrl(j.id, j.state)])),
      };
    }),
  );

  onRequest(connection, ConnectorActionRequest, (params) =>
    withService(params, 'connect', `${params.action} connector ${params.name}`, async (connect) => {
      await connect[params.action](params.name);
      return {};
    }),
  );

  onRequest(connection, ConnectorConfigRequest, (params) =>
    withService(params, 'connect', `read the config of connector ${params.name}`, async (connect, _profile, where) => {
      const status = await connect.get(params.name);
      if (!status)
        throw new PlatformError(
          'connect',
          `read the config of connector ${params.name}`,
          where,
          `Kafka Connect has no connector named "${params.name}"`,
          'refresh the Connectors view',
        );
      return maskConfig(status.config);
    }),
  );

  onRequest(connection, ConnectorCompareRequest, (params) => {
    const what = `compare connector ${params.name} with the workspace`;
    return withService(params, 'connect', what, async (connect, profile, where): Promise<ConnectorCompareResult> => {
      const folder = workspaceFolderOf(params, deps.openFilters());
      if (!folder)
        throw new PlatformError(
          'connect',
          what,
          'the workspace',
          'no workspace folder is known (no filters file is open)',
          'open the filters.yaml of the workspace first',
        );
      const desired = connectorFiles(folder)
        .map((file) => loadConnector(folder, file, profile, {}))
        .find((c) => c.name === params.name);
      if (!desired)
        throw new PlatformError(
          'connect',
          what,
          path.join(folder, 'connectors'),
          `no connectors/*.json names "${params.name}"`,
          'the connector JSON files of the workspace hold { "name": …, "config": … }',
        );
      const running = await connect.get(params.name);
      if (!running)
        throw new PlatformError(
          'connect',
          what,
          where,
          `Kafka Connect has no connector named "${params.name}"`,
          'deploy it first ("CDC Routing: Deploy…")',
        );
      return {
        name: params.name,
        running: maskConfig(running.config),
        workspace: maskConfig(desired.config),
        workspaceFile: path.join(folder, desired.file),
      };
    });
  });

  onRequest(connection, FlinkJobActionRequest, (params) => {
    const what =
      params.action === 'cancel' ? `cancel Flink job ${params.id}` : `stop Flink job ${params.id} with a savepoint`;
    return withService(
      params,
      'flink',
      what,
      async (flink, profile): Promise<FlinkJobActionResult> => {
        if (params.action === 'cancel') {
          await flink.cancel(params.id);
          return {};
        }
        return { savepointPath: await flink.stopWithSavepoint(params.id, profile.flink?.savepointDir) };
      },
      params.action === 'cancel' ? callMs : savepointMs,
    );
  });

  onRequest(connection, FlinkJobExceptionsRequest, (params) =>
    withService(params, 'flink', `read the exceptions of Flink job ${params.id}`, (flink) =>
      flink.exceptions(params.id),
    ),
  );

  let nextSample = 0;
  onRequest(connection, ProduceSampleRequest, (params) => {
    const what = 'produce a sample event';
    return withService(params, 'kafka', what, async (kafka): Promise<ProduceSampleResult> => {
      const analysis = params.filtersUri ? deps.analysisOf(params.filtersUri) : deps.openFilters()[0];
      if (!analysis)
        throw new PlatformError(
          'kafka',
          what,
          'the editor',
          'no filters file is open',
          'open a filters.yaml: its sample events are what is produced',
        );
      const set = deps.samples.get(analysis.file);
      if (set.events.length === 0)
        throw new PlatformError(
          'kafka',
          what,
          set.paths.join(', ') || path.dirname(analysis.file),
          'the filters file has no sample events',
          'add JSON Lines files to a samples/ folder next to the workspace, or set cdcRouting.samples',
        );
      const index = params.index ?? nextSample++;
      const sample = set.events[((index % set.events.length) + set.events.length) % set.events.length];
      const topic = params.topic ?? (analysis.bound.sourceTopic || sourceTopic(analysis.doc));
      await kafka.produce(topic, [{ key: sampleKey(sample.event), value: JSON.stringify(sample.event) }]);
      const header = sample.event.eventHeader as { eventName?: unknown } | undefined;
      // said relative to the workspace (samples/raw-events.jsonl:12), so the user can find the event
      const folder = workspaceFolderOf({ name: '', filtersUri: analysis.uri }, []) ?? path.dirname(analysis.file);
      const where = path.relative(folder, sample.file).split(path.sep).join('/');
      return {
        topic,
        sample: `${where}:${sample.line}`,
        eventName: typeof header?.eventName === 'string' ? header.eventName : undefined,
      };
    });
  });
}

/** Health entries as sent: any secret a service echoed is masked (checkHealth already bounds and never rejects). */
function redactHealth(h: ServiceHealth, secrets: string[]): ServiceHealth {
  if (!h.error) return h;
  const clean = (t: string) => redactSecrets(t, secrets);
  return {
    ...h,
    where: clean(h.where),
    error: {
      what: clean(h.error.what),
      where: clean(h.error.where),
      why: clean(h.error.why),
      hint: h.error.hint && clean(h.error.hint),
    },
  };
}

/** Connector configs as shown: credential values masked (placeholders such as ${env:…} are not secrets). */
function maskConfig(config: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(config)) {
    const shown = shownValue(key, value);
    out[key] = shown.startsWith('"') ? value : shown;
  }
  return out;
}

/** The Debezium outbox keys events by aggregate; a sample's first entity id stands in for it. */
function sampleKey(event: Record<string, unknown>): string | null {
  const entities = (event.eventBody as { entities?: { entityId?: unknown }[] } | undefined)?.entities;
  const id = Array.isArray(entities) ? entities[0]?.entityId : undefined;
  if (typeof id === 'string') return id;
  const uuid = (event.eventHeader as { uuid?: unknown } | undefined)?.uuid;
  return typeof uuid === 'string' ? uuid : null;
}

/** The workspace of a request: given, or the folder above the filters file's flink-jobs/ (else its own folder). */
function workspaceFolderOf(params: ConnectorCompareParams, open: Analysis[]): string | undefined {
  const asPath = (s: string) => (s.startsWith('file:') ? URI.parse(s).fsPath : s);
  if (params.workspaceFolder) return asPath(params.workspaceFolder);
  const filters = params.filtersUri ? asPath(params.filtersUri) : open[0]?.file;
  if (!filters) return undefined;
  const dir = path.dirname(filters);
  return path.basename(dir) === 'flink-jobs' ? path.dirname(dir) : dir;
}
