import * as path from 'path';
import type { StackConfig } from './config';

/** The folders of a stack dir: one logs folder for every service, pid files, data and generated config. */
export interface StackLayout {
  logsDir: string;
  pidsDir: string;
  dataDir: string;
  confDir: string;
  logFile(service: string): string;
  pidFile(service: string): string;
  serviceData(service: string): string;
  serviceConf(service: string): string;
}

export function stackLayout(config: StackConfig): StackLayout {
  const logsDir = path.join(config.stackDir, 'logs');
  const pidsDir = path.join(config.stackDir, 'pids');
  const dataDir = path.join(config.stackDir, 'data');
  const confDir = path.join(config.stackDir, 'conf');
  return {
    logsDir,
    pidsDir,
    dataDir,
    confDir,
    logFile: (service) => path.join(logsDir, `${service}.log`),
    pidFile: (service) => path.join(pidsDir, `${service}.pid`),
    serviceData: (service) => path.join(dataDir, service),
    serviceConf: (service) => path.join(confDir, service),
  };
}
