// Scenario 6: the platform from the editor. Against the local stack: the CDC Routing sidebar's Pipeline
// view shows every service healthy; CDC Routing: Deploy… from the palette shows the plan and, once
// confirmed, the Flink Jobs view lists the routing job RUNNING and the Topics view the filtered topics;
// tailing raw-business-events from the Topics view and producing a sample event there shows the event in
// the message viewer with the filters that route it. Then the items' own actions: pause/resume the
// connector and show its config, stop a routing job with a savepoint.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import axios from 'axios';
import { parse } from 'yaml';
import {
  FILTERED_TOPICS,
  RAW_TOPIC,
  SERVICES,
  stackKafkaSecurity,
  startStack,
  stopStack,
  type StackEndpoints,
} from '../../../stack/index';
import { openWorkspace } from '../lib/session';
import {
  clickDialogButton,
  runCommandToPick,
  runRowAction,
  showView,
  toastTexts,
  waitForDialog,
  waitForTreeRows,
  type TreeRow,
} from '../lib/sidebar';
import { UI_TIMEOUT, type Workbench } from '../lib/workbench';
import { descendantsMatching, residentMiB } from '../lib/processMemory';
import { Kafka, logLevel } from 'kafkajs';
import { loadAvroSchema } from '../../../server/src/avro/loadAvroSchema';
import { bindFilters } from '../../../server/src/binding/bindFilters';
import { parseFilters } from '../../../server/src/model/parseFilters';
import { compileRouting } from '../../../server/src/routing/compileFilters';

const FILE = 'flink-jobs/filters.yaml';
const CONTAINER = 'CDC Routing';
/** What the Pipeline view lists for the local profile (server/src/platform/platformError.ts SERVICE_LABELS). */
const SERVICES_SHOWN = ['Kafka', 'Kafka Connect', 'Flink', 'Flink SQL Gateway', 'Schema Registry'];
/** A topic of its own for the load: the routing jobs do not read it, so Flink stays idle. */
const LOAD_TOPIC = 'e2e-viewer-load';
const RATE = 20_000;
/** How long one read of the viewer's status line may take under load before the page counts as hung. */
const PAGE_ANSWER_BOUND_MS = 60_000;
/** 10 s by default; CDC_ROUTING_E2E_LOAD_SECONDS runs it longer (to see whether memory levels off). */
const LOAD_SECONDS = Number(process.env.CDC_ROUTING_E2E_LOAD_SECONDS) || 10;
/** Slow steps on 2 shared cores: a deploy stops a job with a savepoint and submits another. */
const DEPLOY_TIMEOUT = 4 * UI_TIMEOUT;

interface FilterSpec {
  id: string;
  outputTopic: string;
  enabled?: boolean;
}

/**
 * Cancels the jobs running on the stack's Flink, so the deploy has a job to submit (the scenario is
 * repeatable: a second deploy of an unchanged workspace is rightly a no-op with nothing to confirm).
 */
async function cancelRunningJobs(flinkRestUrl: string): Promise<void> {
  const running = async () =>
    (await axios.get<{ jobs: { jid: string; state: string }[] }>(`${flinkRestUrl}/jobs/overview`)).data.jobs.filter(
      (j) => !['FINISHED', 'CANCELED', 'FAILED'].includes(j.state),
    );
  for (const job of await running()) await axios.patch(`${flinkRestUrl}/jobs/${job.jid}?mode=cancel`);
  const deadline = Date.now() + 60_000;
  while ((await running()).length > 0) {
    if (Date.now() > deadline)
      throw new Error(`Flink jobs still running after cancel: ${JSON.stringify(await running())}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The ids of the filters of the workspace's filters.yaml that route `event` (the routing evaluator, as the server runs it). */
function expectedRouting(folder: string, event: unknown): string[] {
  const schema = loadAvroSchema(fs.readFileSync(path.join(folder, 'schemas', 'raw-event.avsc'), 'utf8'));
  const { bound } = bindFilters(parseFilters(fs.readFileSync(path.join(folder, FILE), 'utf8')), schema);
  return compileRouting(bound)
    .route(event)
    .matched.map((m) => m.filterId);
}

describe('Scenario 6: sidebar, deploy and the message viewer against the local stack', function () {
  let startedHere = false;
  let endpoints: StackEndpoints;
  /** The first test's workbench: the load test goes on in it. */
  let opened: Workbench | undefined;

  before(async function () {
    this.timeout(15 * 60_000); // a first start may fetch the jars
    const started = await startStack({ onProgress: (m) => process.stderr.write(`      [stack] ${m}\n`) });
    startedHere = started.alreadyRunning.length < SERVICES.length;
    endpoints = started.endpoints;
    await cancelRunningJobs(started.endpoints.flinkRestUrl);
  });

  after(async function () {
    this.timeout(120_000);
    if (startedHere) await stopStack();
  });

  it('shows the pipeline healthy, deploys the routing job, lists it and the topics, and tails a produced event with its routing', async function () {
    this.timeout(15 * 60_000);
    const workbench = await openWorkspace('06-sidebarDeploy');
    opened = workbench;
    const filters = (parse(fs.readFileSync(path.join(workbench.folder, FILE), 'utf8')) as { filters: FilterSpec[] })
      .filters;
    const enabledTopics = [...new Set(filters.filter((f) => f.enabled !== false).map((f) => f.outputTopic))];
    assert.ok(
      FILTERED_TOPICS.every((t) => enabledTopics.includes(t)),
      `the example writes the stack's filtered topics: ${enabledTopics.join(',')}`,
    );
    await workbench.openFile(FILE);

    // 1. The Pipeline view: one line per service, each with the passing icon.
    await showView(workbench, CONTAINER, 'Pipeline');
    const healthy = (rows: TreeRow[]) =>
      SERVICES_SHOWN.every((name) => rows.some((r) => r.label === name && r.icon === 'codicon-pass-filled'));
    const pipeline = await waitForTreeRows(workbench, 'Pipeline', healthy, {
      refreshTitle: 'Refresh Pipeline',
      timeoutMs: 2 * UI_TIMEOUT,
    });
    await workbench.step('pipeline-healthy');
    process.stderr.write(
      `      Pipeline: ${JSON.stringify(pipeline.map((r) => `${r.label} ${r.icon} ${r.description}`))}\n`,
    );
    assert.ok(healthy(pipeline), `every service healthy: ${JSON.stringify(pipeline)}`);

    // 2. Deploy… from the palette: the profile (Enter takes the active one), the plan, the confirmation.
    const profiles = await runCommandToPick(workbench, 'CDC Routing: Deploy…', /Connection profile/);
    assert.match(
      profiles[0] ?? '',
      /^local\s*active profile/,
      `the active profile is offered first: ${JSON.stringify(profiles)}`,
    );
    await workbench.page.keyboard.press('Enter');
    // The open filters.yaml shares its topic with filters-examples.yaml: what to deploy (Enter: only the open file).
    const pickInput = workbench.page.locator('.quick-input-widget .quick-input-box input');
    await workbench.poll(
      async () => (await pickInput.getAttribute('placeholder').catch(() => '')) ?? '',
      (p) => /What to deploy/.test(p),
      'the scope pick',
    );
    const scopes = (
      await workbench.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allInnerTexts()
    ).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.match(scopes[0] ?? '', /^Only filters\.yaml/, `the open file is offered first: ${JSON.stringify(scopes)}`);
    assert.ok(
      scopes.some((t) => /^Every filters file \(2\)/.test(t)),
      `every file is offered too: ${JSON.stringify(scopes)}`,
    );
    await workbench.page.keyboard.press('Enter');
    const ask = await waitForDialog(workbench, DEPLOY_TIMEOUT);
    const plan = workbench.editorOfScheme('cdc-routing-plan');
    const planText = await workbench.poll(
      () => workbench.visibleTextOf(plan).catch(() => ''),
      (text) => text.includes('# Deploy plan'),
      'the plan document',
    );
    await workbench.step('deploy-plan-and-confirmation');
    process.stderr.write(
      `      plan on screen:\n${planText
        .split('\n')
        .map((l) => `        ${l}`)
        .join('\n')}\n      dialog: ${JSON.stringify(ask)}\n`,
    );
    assert.match(ask.text, /Deploy to "local": \d+ change\(s\)\?/);
    assert.ok(
      ask.buttons.includes('Deploy') && ask.buttons.includes('Cancel'),
      `Deploy and Cancel: ${ask.buttons.join(',')}`,
    );
    assert.match(planText, /^# Deploy plan for profile "local"/m);
    assert.match(
      ask.text,
      /^[+!] flink job flink-jobs\/filters\.yaml/m,
      'the routing job of filters.yaml is submitted (or replaces the running one)',
    );
    assert.match(
      planText,
      /^# left out \(their jobs untouched\): flink-jobs\/filters-examples\.yaml$/m,
      'the plan says what it leaves out',
    );
    assert.ok(!/filters-examples/.test(ask.text), `only filters.yaml is deployed: ${ask.text}`);
    await clickDialogButton(workbench, 'Deploy');

    // The apply's progress, then its summary.
    const summary = await workbench.poll(
      () => toastTexts(workbench),
      (texts) => texts.some((t) => /Deployed to "local"|failed at step/.test(t)),
      'the deploy summary',
      DEPLOY_TIMEOUT,
    );
    await workbench.step('deploy-summary');
    process.stderr.write(`      toasts: ${JSON.stringify(summary)}\n`);
    assert.ok(
      summary.some((t) => /Deployed to "local": \d+ step\(s\) applied/.test(t)),
      `the deploy succeeded: ${JSON.stringify(summary)}`,
    );

    // 3. The Flink Jobs view lists the routing job RUNNING.
    await showView(workbench, CONTAINER, 'Flink Jobs');
    const running = (rows: TreeRow[]) =>
      rows.some((r) => /^RUNNING\b/.test(r.description) && r.icon === 'codicon-pass-filled');
    const jobs = await waitForTreeRows(workbench, 'Flink Jobs', running, {
      refreshTitle: 'Refresh Flink Jobs',
      timeoutMs: DEPLOY_TIMEOUT,
    });
    await workbench.step('flink-job-running');
    process.stderr.write(`      Flink Jobs: ${JSON.stringify(jobs.map((r) => `${r.label} — ${r.description}`))}\n`);
    assert.ok(running(jobs), `a RUNNING job: ${JSON.stringify(jobs)}`);

    // 4. The Topics view lists the source and every enabled filter's output topic.
    await showView(workbench, CONTAINER, 'Topics');
    const listed = (rows: TreeRow[]) => [RAW_TOPIC, ...enabledTopics].every((t) => rows.some((r) => r.label === t));
    const topics = await waitForTreeRows(workbench, 'Topics', listed, {
      refreshTitle: 'Refresh Topics',
      timeoutMs: 2 * UI_TIMEOUT,
    });
    await workbench.step('topics');
    process.stderr.write(`      Topics: ${JSON.stringify(topics.map((r) => `${r.label} — ${r.description}`))}\n`);
    assert.ok(listed(topics), `source and output topics listed: ${JSON.stringify(topics)}`);

    // 5. Tail raw-business-events from the Topics view, then produce a sample event into it.
    await runRowAction(workbench, 'Topics', RAW_TOPIC, 'Tail');
    const view = workbench.webview();
    await view
      .locator('#status')
      .filter({ hasText: /^Tailing from latest/ })
      .waitFor({ timeout: 2 * UI_TIMEOUT });
    await workbench.step('viewer-tailing');
    await runRowAction(workbench, 'Topics', RAW_TOPIC, 'Produce Sample Event');
    const produced = await workbench.poll(
      () => toastTexts(workbench),
      (texts) => texts.some((t) => /produced .* to raw-business-events/.test(t)),
      'the produce notification',
    );
    const which = produced.map((t) => /produced (.*) \(([^()]+):(\d+)\) to raw-business-events/.exec(t)).find(Boolean);
    assert.ok(which, `the notification names the sample produced: ${JSON.stringify(produced)}`);
    const sampleFile = path.resolve(workbench.folder, which[2]);
    const sample = JSON.parse(
      fs
        .readFileSync(
          fs.existsSync(sampleFile) ? sampleFile : path.resolve(workbench.folder, 'flink-jobs', which[2]),
          'utf8',
        )
        .split('\n')[Number(which[3]) - 1],
    ) as { eventHeader: { uuid: string; eventName: string } };
    // Find it in the viewer by its uuid (other events may flow into the topic): the search box narrows the list.
    await view.locator('#search').fill(sample.eventHeader.uuid);
    const rows = view.locator('#sizer .row:not([hidden])');
    await rows.first().waitFor({ timeout: 2 * UI_TIMEOUT });
    const row = await rows.first().evaluate((element) => {
      // No named functions inside: tsx would wrap them in a helper (__name) the page lacks.
      const cells = (
        element as unknown as {
          querySelectorAll(s: string): ArrayLike<{ className: string; textContent: string | null }>;
        }
      ).querySelectorAll('.cell');
      const out: Record<string, string> = {};
      for (const c of Array.from(cells))
        out[c.className.replace('cell ', '').split(' ')[0]] = (c.textContent ?? '').trim();
      return out as { key: string; value: string; routes: string; partition: string; offset: string };
    });
    await rows.first().click();
    await view.locator('#details pre.json').waitFor({ timeout: UI_TIMEOUT });
    await workbench.step('viewer-message-with-routing');
    process.stderr.write(`      produced ${which[1]} (${which[2]}:${which[3]}); viewer row: ${JSON.stringify(row)}\n`);
    const shown = JSON.parse(await view.locator('#details pre.json').innerText()) as typeof sample;
    assert.equal(
      shown.eventHeader.uuid,
      sample.eventHeader.uuid,
      'the viewer shows the produced event, pretty-printed',
    );
    // The routing column is the evaluator's answer for this event with the workspace's filters.
    const expected = expectedRouting(workbench.folder, sample);
    process.stderr.write(`      routed by (viewer): ${row.routes}; expected: ${expected.join(', ') || '— none'}\n`);
    assert.deepEqual(row.routes === '— none' ? [] : row.routes.split(', '), expected, 'the routing column');
    assert.ok(
      expected.length > 0,
      `the sample produced (${sample.eventHeader.eventName}) is one a filter routes, so the column shows filter ids`,
    );
  });

  it('stays responsive while a topic takes 20,000 messages/s, with bounded memory', async function () {
    this.timeout(10 * 60_000);
    if (!opened) this.skip(); // the first test opened the workspace and the viewer
    const wb = opened;
    const kafka = new Kafka({ clientId: 'e2e-load', brokers: [endpoints.kafkaBootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin
      .createTopics({ topics: [{ topic: LOAD_TOPIC, numPartitions: 3, replicationFactor: 1 }] })
      .catch(() => undefined);
    await admin.disconnect();

    // The first viewer is closed (its tail stops); a new one on the load topic from the palette.
    await wb.runCommand('View: Close Editor');
    await runCommandToPick(wb, 'CDC Routing: Tail Topic…', /Topic to tail/);
    await wb.page.locator('.quick-input-widget .quick-input-box input').fill(LOAD_TOPIC);
    await wb.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: LOAD_TOPIC })
      .first()
      .waitFor({ timeout: UI_TIMEOUT });
    await wb.page.keyboard.press('Enter');
    const view = wb.webview();
    const status = view.locator('#status');
    await status.filter({ hasText: /^Tailing from latest/ }).waitFor({ timeout: 2 * UI_TIMEOUT });

    const host = descendantsMatching(/--type=extensionHost/)[0];
    const server = descendantsMatching(/cdc-routing[^ ]*\/dist\/server\.js/)[0];
    assert.ok(host && server, 'the extension host and the language server of this run are found');
    const memory = { host: [residentMiB(host.pid)!], server: [residentMiB(server.pid)!] };

    // 20,000 messages/s for LOAD_SECONDS: the example's sample events (so the routing column works), 2,000 per 100 ms.
    const samples = fs
      .readFileSync(path.join(wb.folder, 'samples', 'raw-events.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    let produced = 0;
    const latencies: number[] = [];
    const started = Date.now();
    const producing = (async () => {
      for (let tick = 0; tick < LOAD_SECONDS * 10; tick++) {
        const messages = Array.from({ length: RATE / 10 }, () => ({
          key: `k${produced}`,
          value: samples[produced++ % samples.length],
        }));
        await producer.send({ topic: LOAD_TOPIC, messages });
        const wait = started + (tick + 1) * 100 - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    })();
    // While it flows: how long the page takes to answer (a read of its status line), every 500 ms.
    while (Date.now() - started < LOAD_SECONDS * 1000) {
      const asked = Date.now();
      await status.innerText({ timeout: PAGE_ANSWER_BOUND_MS });
      latencies.push(Date.now() - asked);
      memory.host.push(residentMiB(host.pid)!);
      memory.server.push(residentMiB(server.pid)!);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await producing;
    const produceSeconds = (Date.now() - started) / 1000;
    await producer.disconnect();
    await wb.step('viewer-under-load');
    // Typing a search while it flows: the list narrows at once.
    await view.locator('#search').fill('LoanCreated');
    const searched = Date.now();
    await wb.poll(
      () => status.innerText(),
      (text) => !/ 10,000 shown/.test(text),
      'the search under load',
      UI_TIMEOUT,
    );
    const searchMs = Date.now() - searched;

    // Everything produced arrives (counted as received, also what was dropped to keep up).
    const received = (text: string) => Number((/— ([\d,]+) received/.exec(text)?.[1] ?? '0').replace(/,/g, ''));
    const final = await wb.poll(
      () => status.innerText(),
      (text) => received(text) >= produced,
      'every produced message counted',
      3 * UI_TIMEOUT,
    );
    const ingestSeconds = (Date.now() - started) / 1000;
    await wb.step('viewer-after-load');
    const rowsInDom = await view.locator('#sizer .row').count();
    memory.host.push(residentMiB(host.pid)!);
    memory.server.push(residentMiB(server.pid)!);
    latencies.sort((a, b) => a - b);
    const figures = {
      produced,
      produceSeconds,
      rate: Math.round(produced / produceSeconds),
      ingestSeconds,
      status: final,
      rowsInDom,
      searchMs,
      pageAnswerMs: { median: latencies[Math.floor(latencies.length / 2)], max: latencies[latencies.length - 1] },
      extensionHostMiB: {
        before: Math.round(memory.host[0]),
        max: Math.round(Math.max(...memory.host)),
        after: Math.round(memory.host[memory.host.length - 1]),
      },
      languageServerMiB: {
        before: Math.round(memory.server[0]),
        max: Math.round(Math.max(...memory.server)),
        after: Math.round(memory.server[memory.server.length - 1]),
      },
    };
    process.stderr.write(`      load figures: ${JSON.stringify(figures)}\n`);
    fs.writeFileSync(path.join(wb.screenshotDir, 'load-figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
    assert.equal(received(final), produced, `every produced message is counted: ${final}`);
    assert.match(final, / 10,000 buffered \(max 10,000\)/, 'the buffer holds its maximum, no more');
    assert.ok(rowsInDom < 100, `only the visible rows are in the DOM: ${rowsInDom}`);
    // On 2 shared cores the producer, Kafka, the server, code-server and Chromium compete for the CPU, so the
    // bounds are about hanging, not speed (the figures above are the measurement): the page never stops
    // answering, a search typed under load applies within seconds, the extension host's memory levels off.
    // (Runs on a just-started stack had the first read take 11.7 s, and once, in a clean-clone CI run, more than 30 s,
    // while Kafka, the server and Chromium warmed up under the first 20,000 messages/s; later reads answer in well
    // under a second. PAGE_ANSWER_BOUND_MS still catches a hung page.)
    assert.ok(
      figures.pageAnswerMs.max < PAGE_ANSWER_BOUND_MS,
      `the page answers within ${PAGE_ANSWER_BOUND_MS / 1000} s throughout: ${JSON.stringify(latencies)}`,
    );
    assert.ok(searchMs < 5000, `a search under load applies within 5 s: ${searchMs} ms`);
    assert.ok(
      figures.extensionHostMiB.max - figures.extensionHostMiB.before < 300,
      `the extension host's memory stays bounded: ${JSON.stringify(figures.extensionHostMiB)}`,
    );
  });

  it('runs the connector and Flink job actions from their context menus', async function () {
    this.timeout(10 * 60_000);
    if (!opened) this.skip(); // the first test deployed the routing jobs
    const wb = opened;
    const CONNECTOR = 'postgres-source-connector';

    // Connectors: Pause, then Resume, from the connector's context menu; the row and Connect agree.
    await showView(wb, CONTAINER, 'Connectors');
    const connectorIs = (state: string) => (rows: TreeRow[]) =>
      rows.some((r) => r.label === CONNECTOR && r.description.startsWith(`${state} `));
    const connectState = async () =>
      (await axios.get<{ connector: { state: string } }>(`${endpoints.connectUrl}/connectors/${CONNECTOR}/status`)).data
        .connector.state;
    await waitForTreeRows(wb, 'Connectors', connectorIs('RUNNING'), { refreshTitle: 'Refresh Connectors' });
    await runRowAction(wb, 'Connectors', CONNECTOR, 'Pause');
    const paused = await waitForTreeRows(wb, 'Connectors', connectorIs('PAUSED'), {
      refreshTitle: 'Refresh Connectors',
      timeoutMs: 2 * UI_TIMEOUT,
    });
    await wb.step('connector-paused');
    assert.equal(
      paused.find((r) => r.label === CONNECTOR)?.icon,
      'codicon-debug-pause',
      `the paused icon: ${JSON.stringify(paused)}`,
    );
    assert.equal(await connectState(), 'PAUSED', 'Kafka Connect has the connector paused');
    await runRowAction(wb, 'Connectors', CONNECTOR, 'Resume');
    const resumed = await waitForTreeRows(wb, 'Connectors', connectorIs('RUNNING'), {
      refreshTitle: 'Refresh Connectors',
      timeoutMs: 2 * UI_TIMEOUT,
    });
    assert.equal(resumed.find((r) => r.label === CONNECTOR)?.icon, 'codicon-pass-filled');
    assert.equal(await connectState(), 'RUNNING', 'Kafka Connect runs the connector again');

    // Show Config: the running config, read from Connect, in a read-only editor.
    await runRowAction(wb, 'Connectors', CONNECTOR, 'Show Config');
    const config = await wb.poll(
      () => wb.visibleTextOf(wb.editorOfScheme('cdc-routing-platform')).catch(() => ''),
      (text) => text.includes('connector.class'),
      'the connector config document',
    );
    await wb.step('connector-config');
    assert.match(config, /"connector\.class": "io\.debezium\.connector\.postgresql\.PostgresConnector"/);

    // Flink Jobs: Stop with Savepoint on a routing job, confirmed in the modal; the job ends FINISHED with the savepoint on disk.
    await showView(wb, CONTAINER, 'Flink Jobs');
    const jobs = await waitForTreeRows(wb, 'Flink Jobs', (rows) => rows.some((r) => /^RUNNING\b/.test(r.description)), {
      refreshTitle: 'Refresh Flink Jobs',
    });
    const job = jobs.find((r) => /^RUNNING\b/.test(r.description))!.label;
    await runRowAction(wb, 'Flink Jobs', job, 'Stop with Savepoint…');
    const ask = await waitForDialog(wb);
    assert.match(ask.text, /with a savepoint\?/, `the confirmation: ${JSON.stringify(ask)}`);
    await clickDialogButton(wb, 'Stop with Savepoint');
    const toasts = await wb.poll(
      () => toastTexts(wb),
      (texts) => texts.some((t) => /stopped; savepoint at \S+/.test(t)),
      'the savepoint notification',
      DEPLOY_TIMEOUT,
    );
    await wb.step('flink-job-stopped');
    const savepoint = toasts.map((t) => /stopped; savepoint at (\S+)/.exec(t)?.[1]).find(Boolean)!;
    assert.ok(fs.existsSync(savepoint.replace(/^file:/, '')), `the savepoint is on disk: ${savepoint}`);
    const ended = await waitForTreeRows(
      wb,
      'Flink Jobs',
      (rows) => rows.some((r) => r.label === job && /^FINISHED\b/.test(r.description)),
      { refreshTitle: 'Refresh Flink Jobs', timeoutMs: 2 * UI_TIMEOUT },
    );
    process.stderr.write(
      `      Flink Jobs after the stop: ${JSON.stringify(ended.map((r) => `${r.label} — ${r.description}`))}\n`,
    );
    const flinkState = (
      await axios.get<{ jobs: { name: string; state: string }[] }>(`${endpoints.flinkRestUrl}/jobs/overview`)
    ).data.jobs
      .filter((j) => j.name === job)
      .map((j) => j.state);
    assert.ok(
      flinkState.includes('FINISHED') && !flinkState.includes('RUNNING'),
      `Flink has ${job} finished: ${flinkState.join(',')}`,
    );
  });

  it('connects to a SASL_SSL Kafka with a private CA through a profile, once its password is set from the palette', async function () {
    this.timeout(10 * 60_000);
    if (!opened) this.skip();
    const wb = opened;
    // A profile as a user writes it for a corporate cluster: the stack's SASL_SSL listener, its own CA, a SCRAM user.
    const security = stackKafkaSecurity();
    const password = fs.readFileSync(security.passwordFile, 'utf8').trim();
    const settingsFile = path.join(wb.folder, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    const settings = fs.existsSync(settingsFile)
      ? (JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>)
      : {};
    settings['cdcRouting.profiles'] = [
      {
        name: 'secured',
        kafka: {
          bootstrapServers: [security.bootstrap],
          sasl: { mechanism: 'scram-sha-256', username: security.username },
          tls: { enabled: true, caFile: security.caFile },
        },
        connect: { url: endpoints.connectUrl },
        flink: { restUrl: endpoints.flinkRestUrl, sqlGatewayUrl: endpoints.sqlGatewayUrl },
        schemaRegistry: { url: endpoints.schemaRegistryUrl },
      },
    ];
    fs.writeFileSync(settingsFile, `${JSON.stringify(settings, null, 2)}\n`);

    // Select Profile… from the palette; without its password Kafka is down, saying what is missing.
    const offered = await wb.poll(
      () =>
        runCommandToPick(wb, 'CDC Routing: Select Profile…', /Connection profile/).then(async (rows) => {
          if (!rows.some((r) => r.startsWith('secured'))) await wb.page.keyboard.press('Escape'); // the settings file is not read yet
          return rows;
        }),
      (rows) => rows.some((r) => r.startsWith('secured')),
      'the secured profile in the pick',
    );
    assert.ok(
      offered.some((r) => r.startsWith('local')),
      `both profiles offered: ${JSON.stringify(offered)}`,
    );
    await wb.page.locator('.quick-input-widget .quick-input-box input').fill('secured');
    await wb.page.keyboard.press('Enter');
    await showView(wb, CONTAINER, 'Pipeline');
    const kafkaRow = (rows: TreeRow[]) => rows.find((r) => r.label === 'Kafka');
    const noPassword = await waitForTreeRows(
      wb,
      'Pipeline',
      (rows) => /has no password/.test(kafkaRow(rows)?.description ?? ''),
      { refreshTitle: 'Refresh Pipeline', timeoutMs: 2 * UI_TIMEOUT },
    );
    await wb.step('secured-profile-without-password');
    assert.equal(
      kafkaRow(noPassword)?.icon,
      'codicon-error',
      `Kafka is down without its password: ${JSON.stringify(noPassword)}`,
    );
    assert.match(kafkaRow(noPassword)!.description, new RegExp(`SASL user "${security.username}" has no password`));
    const statusBar = () => wb.page.locator('.statusbar').innerText();
    assert.match(
      await wb.poll(statusBar, (t) => /secured: Kafka down/.test(t), 'the status bar'),
      /secured: Kafka down/,
      'the status bar names what is down',
    );

    // Set Secret… from the palette: which secret, then the password in a masked input box.
    await runCommandToPick(wb, 'CDC Routing: Set Secret…', /Secret of profile "secured" to set/);
    await wb.page.locator('.quick-input-widget .quick-input-box input').fill('kafka.password');
    await wb.page.keyboard.press('Enter');
    const input = wb.page.locator('.quick-input-widget .quick-input-box input[type="password"]');
    await input.waitFor({ timeout: UI_TIMEOUT });
    await input.fill(password);
    await wb.page.keyboard.press('Enter');
    const healthy = await waitForTreeRows(wb, 'Pipeline', (rows) => kafkaRow(rows)?.icon === 'codicon-pass-filled', {
      refreshTitle: 'Refresh Pipeline',
      timeoutMs: 2 * UI_TIMEOUT,
    });
    await wb.step('secured-profile-healthy');
    process.stderr.write(
      `      Pipeline (secured): ${JSON.stringify(healthy.map((r) => `${r.label} ${r.icon} ${r.description}`))}\n`,
    );
    assert.ok(
      SERVICES_SHOWN.every((name) => healthy.some((r) => r.label === name && r.icon === 'codicon-pass-filled')),
      `every service healthy over the secured profile: ${JSON.stringify(healthy)}`,
    );
    assert.match(await wb.poll(statusBar, (t) => /secured: 5\/5/.test(t), 'the status bar'), /secured: 5\/5/);
    // The password went to SecretStorage only: not into the workspace's settings.
    const settingsText = fs.readFileSync(settingsFile, 'utf8');
    assert.ok(!settingsText.includes(password), 'the password is not in .vscode/settings.json');
    assert.match(
      settingsText,
      /"cdcRouting\.activeProfile": "secured"/,
      'Select Profile wrote the active profile to the workspace settings',
    );
  });
});
