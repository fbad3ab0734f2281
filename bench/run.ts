// `npm run bench`: every benchmark of the project in one run, printed as figures with their targets, and
// written to test-output/bench/results.json. Figures depend on the machine's load: compare ratios measured
// in the same run (ours against yaml-language-server), not numbers across machines.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runEvaluateBench } from './evaluate.bench';
import { runGenerateBench } from './generate.bench';
import { runJobThroughputSection } from './jobThroughput.bench';
import { runLspBench } from './lsp.bench';
import { runTailBench, type TailBenchResult } from './tail.bench';

const ms = (v: number) => `${v.toFixed(2)} ms`;
const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');

async function main(): Promise<void> {
  console.log(
    `cdc-routing bench — ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, node ${process.version}\n`,
  );

  const lsp = await runLspBench();
  console.log(
    `Language server: ${lsp.filters} filters (${(lsp.bytes / 1024).toFixed(0)} KiB) against ${lsp.fields} schema fields`,
  );
  console.log(
    `  first diagnostics        ${ms(lsp.firstDiagnosticsMs)}   (yaml-language-server ${ms(lsp.peer.firstDiagnosticsMs)})`,
  );
  console.log(
    `  completion p50 / p95     ${ms(lsp.completion.p50)} / ${ms(lsp.completion.p95)}   target p95 ≤ 5 ms: ${verdict(lsp.completion.p95 <= 5)}`,
  );
  console.log(`  hover p50 / p95          ${ms(lsp.hover.p50)} / ${ms(lsp.hover.p95)}`);
  console.log(
    `  diagnostics after edit   ${ms(lsp.diagnosticsAfterEdit.p50)} / ${ms(lsp.diagnosticsAfterEdit.p95)}   target p95 ≤ 30 ms: ${verdict(lsp.diagnosticsAfterEdit.p95 <= 30)}`,
  );
  console.log(
    `  the same, \\r\\n endings  ${ms(lsp.diagnosticsAfterEditCrlf.p50)} / ${ms(lsp.diagnosticsAfterEditCrlf.p95)}   target p95 ≤ 30 ms: ${verdict(lsp.diagnosticsAfterEditCrlf.p95 <= 30)}`,
  );
  console.log(
    `  yaml-language-server     diagnostics after edit ${ms(lsp.peer.diagnosticsAfterEdit.p50)} / ${ms(lsp.peer.diagnosticsAfterEdit.p95)}, completion ${ms(lsp.peer.completion.p50)} / ${ms(lsp.peer.completion.p95)}`,
  );
  const ratio = lsp.peer.diagnosticsAfterEdit.p95 / lsp.diagnosticsAfterEdit.p95;
  console.log(
    `  ratio (yaml-language-server / ours, diagnostics p95): ${ratio.toFixed(1)}× — ${ratio > 1 ? 'faster' : 'SLOWER'} than the peer although we check more\n`,
  );

  const gen = runGenerateBench();
  console.log(`SQL generation: ${gen.filters} filters, ${(gen.sqlBytes / 1024).toFixed(0)} KiB of SQL`);
  console.log(
    `  generateSql              ${ms(gen.generateMs)} (CPU ${ms(gen.generateCpuMs)})   target ≤ ${gen.target} ms: ${verdict(gen.meetsTarget)}`,
  );
  console.log(`  parse + bind + generate  ${ms(gen.endToEndMs)}\n`);

  const evalr = runEvaluateBench();
  console.log(`Routing evaluator: ${evalr.events.toLocaleString('en')} events × ${evalr.filters} filters`);
  console.log(
    `  ${(evalr.evaluationsPerSecond / 1e6).toFixed(2)} M evaluations/s (explaining path ${(evalr.explainedEvaluationsPerSecond / 1e6).toFixed(2)} M/s)   target ≥ ${(evalr.target / 1e6).toFixed(0)} M/s per core: ${verdict(evalr.meetsTarget)}`,
  );
  console.log(`  peak RSS ${evalr.peakRssMb.toFixed(0)} MB, heap used ${evalr.heapUsedMb.toFixed(0)} MB\n`);

  const tail = await runTailBench();
  printTailBench(tail);

  await runJobThroughputSection();

  const out = path.resolve(__dirname, '../test-output/bench');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(
    path.join(out, 'results.json'),
    JSON.stringify(
      { when: new Date().toISOString(), load: os.loadavg(), lsp, generate: gen, evaluate: evalr, tail },
      null,
      2,
    ),
  );
  console.log(`written: ${path.relative(process.cwd(), path.join(out, 'results.json'))}`);
}

function printTailBench(t: TailBenchResult): void {
  if (t.skipped) {
    console.log(`Topic tail: skipped — ${t.skipped}\n`);
    return;
  }
  const n = (v: number) => Math.round(v).toLocaleString('en');
  const mib = (v: number) => `${v.toFixed(0)} MiB`;
  const { ours, peer } = t as Required<TailBenchResult>;
  console.log(
    `Topic tail: ${n(t.produced!)} messages (${n(t.avgBytes!)} B) produced at ${n(t.producedPerSecond!)} msg/s into ${t.partitions} partitions; each consumer in its own process`,
  );
  console.log(
    `  ours  (group-less tail → server → LSP → 10,000 ring buffer)  received ${n(ours.received)} at ${n(ours.ingestPerSecond)} msg/s, server dropped ${n(ours.dropped)} to keep up; lag p50/p95 ${n(ours.lagMs.p50)} / ${n(ours.lagMs.p95)} ms`,
  );
  console.log(
    `        host heap ${mib(ours.heapRetainedMb)} kept (peak ${mib(ours.heapPeakMb)}), RSS peak ${mib(ours.rssPeakMb)}; server RSS peak ${mib(ours.serverRssPeakMb!)}; CPU per 100k msgs: host ${ours.cpuSecondsPer100k.toFixed(2)} s, server ${ours.serverCpuSecondsPer100k!.toFixed(2)} s`,
  );
  console.log(
    `  peer  (kafkajs consumer group keeping every message)           received ${n(peer.received)} of ${n(t.peerProduced!)} at ${n(peer.ingestPerSecond)} msg/s; lag p50/p95 ${n(peer.lagMs.p50)} / ${n(peer.lagMs.p95)} ms`,
  );
  console.log(
    `        heap ${mib(peer.heapRetainedMb)} kept (peak ${mib(peer.heapPeakMb)}), RSS peak ${mib(peer.rssPeakMb)}, CPU per 100k msgs ${peer.cpuSecondsPer100k.toFixed(2)} s — and growing with every message`,
  );
  console.log(
    `  target: ingest ≥ ${n(t.target)} msg/s with nothing dropped and bounded memory: ${verdict(Boolean(t.meetsTarget))}\n`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
