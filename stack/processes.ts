import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { waitFor } from './waitFor';

/**
 * What a pid file holds. The kernel's start time of the process is kept next to the pid so that a pid reused by
 * an unrelated process after a crash or a reboot is never mistaken for ours (and never signalled).
 */
export interface PidRecord {
  service: string;
  pid: number;
  startTicks: number;
  command: string;
  startedAt: string;
}

export interface SpawnSpec {
  service: string;
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  logFile: string;
  pidFile: string;
  /** Run as this user (PostgreSQL refuses to run as root). */
  uid?: number;
  gid?: number;
}

interface ProcStat {
  state: string;
  pgrp: number;
  startTicks: number;
}

function readProcStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) is in parentheses and may itself contain spaces or parentheses.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state: rest[0], pgrp: Number(rest[2]), startTicks: Number(rest[19]) };
}

export function readPidRecord(pidFile: string): PidRecord | undefined {
  try {
    const record = JSON.parse(fs.readFileSync(pidFile, 'utf8')) as PidRecord;
    return Number.isInteger(record.pid) && record.pid > 0 ? record : undefined;
  } catch {
    // Missing, empty or half-written (crash while writing): the same as no record.
    return undefined;
  }
}

/** True while the recorded process itself runs (not a zombie, not a reused pid). */
export function isRecordAlive(record: PidRecord | undefined): boolean {
  if (!record) return false;
  const stat = readProcStat(record.pid);
  return !!stat && stat.startTicks === record.startTicks && stat.state !== 'Z' && stat.state !== 'X';
}

/** Pids of the live processes in a process group: a detached service's children (e.g. PostgreSQL backends) share it. */
export function processGroupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry));
    if (stat && stat.pgrp === pgid && stat.state !== 'Z' && stat.state !== 'X') members.push(Number(entry));
  }
  return members;
}

/** Starts a service detached in its own process group, output appended to its log, and records it in its pid file. */
export function spawnService(spec: SpawnSpec): PidRecord {
  fs.mkdirSync(path.dirname(spec.logFile), { recursive: true });
  fs.mkdirSync(path.dirname(spec.pidFile), { recursive: true });
  const logFd = fs.openSync(spec.logFile, 'a');
  fs.writeSync(
    logFd,
    `\n===== ${new Date().toISOString()} starting ${spec.service}: ${spec.command} ${spec.args.join(' ')}\n`,
  );
  try {
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      detached: true,
      stdio: ['ignore', logFd, logFd],
      uid: spec.uid,
      gid: spec.gid,
    });
    if (child.pid === undefined)
      throw new Error(`could not start ${spec.service} (${spec.command}); see ${spec.logFile}`);
    child.unref();
    const stat = readProcStat(child.pid);
    const record: PidRecord = {
      service: spec.service,
      pid: child.pid,
      startTicks: stat?.startTicks ?? -1,
      command: spec.command,
      startedAt: new Date().toISOString(),
    };
    // Write-then-rename so a crash never leaves a half-written pid file behind.
    fs.writeFileSync(`${spec.pidFile}.tmp`, JSON.stringify(record));
    fs.renameSync(`${spec.pidFile}.tmp`, spec.pidFile);
    return record;
  } finally {
    fs.closeSync(logFd);
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/**
 * Stops a service by its pid file: the polite signal first, SIGKILL for the whole group after the grace period.
 * Returns the pids that were still alive afterwards (empty when all is gone).
 */
export async function stopService(pidFile: string, signal: NodeJS.Signals, graceMs: number): Promise<number[]> {
  const record = readPidRecord(pidFile);
  if (!record) return [];
  // Children outlive a leader killed with -9 (e.g. PostgreSQL backends); they keep its group id. Only processes
  // started no earlier than the recorded leader count, so a reused group id never reaches an unrelated process.
  const ours = () =>
    processGroupMembers(record.pid).filter((pid) => (readProcStat(pid)?.startTicks ?? -1) >= record.startTicks);
  if (ours().length > 0) {
    signalGroup(record.pid, isRecordAlive(record) ? signal : 'SIGKILL');
    const stopped = await waitFor(() => ours().length === 0, { timeoutMs: graceMs, intervalMs: 100 }).then(
      () => true,
      () => false,
    );
    if (!stopped) {
      for (const pid of ours()) process.kill(pid, 'SIGKILL');
      await waitFor(() => ours().length === 0, { timeoutMs: 10_000, intervalMs: 100 }).catch(() => undefined);
    }
  }
  const survivors = ours();
  if (survivors.length === 0) fs.rmSync(pidFile, { force: true });
  return survivors;
}
