/** Where the bench ran: enough to tell two bench/results.json files from different machines apart. */
import os from 'node:os';
import type { MachineInfo } from './report.ts';

/** The current machine: OS, CPU count and model, memory, and how busy it is right now. */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    platform: os.platform(),
    arch: os.arch(),
    release: os.release(),
    cpus: cpus.length,
    cpuModel: (cpus[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim(),
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}
