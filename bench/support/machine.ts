import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { repositoryRoot } from './report';

/** The machine and code a result was measured on, stored with every result. */
export interface MachineInfo {
  date: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  kernel: string;
  node: string;
  chromium?: string;
  /** 1-minute load average when the benchmark started: other work skews it. */
  loadAverage: number;
  commit: string;
  uncommittedChanges: boolean;
}

function readOsName(): string {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    return /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(release)?.[1] ?? os.type();
  } catch {
    return os.type();
  }
}

function readCpuModel(): string {
  try {
    const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
    const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1];
    if (model) return model.trim();
  } catch {
    // Not Linux: Node's own report follows.
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

function git(...args: string[]): string | null {
  try {
    return execFileSync('git', args, {
      cwd: repositoryRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

export function describeMachine(chromium?: string): MachineInfo {
  return {
    date: new Date().toISOString(),
    cpus: os.availableParallelism(),
    cpuModel: readCpuModel(),
    memoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    os: readOsName(),
    kernel: os.release(),
    node: process.version,
    chromium,
    loadAverage: Number(os.loadavg()[0]!.toFixed(2)),
    commit: git('rev-parse', '--short', 'HEAD') ?? 'unknown',
    uncommittedChanges: (git('status', '--porcelain') ?? '') !== '',
  };
}

export function printMachine(machine: MachineInfo): void {
  console.log(
    `${machine.date}  ${machine.cpus} × ${machine.cpuModel}, ` +
      `${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}` +
      (machine.chromium ? `, Chromium ${machine.chromium}` : '') +
      `, load average ${machine.loadAverage}` +
      `, commit ${machine.commit}${machine.uncommittedChanges ? ' with uncommitted changes' : ''}`,
  );
}
