/** Messages between a benchmark and the service host process. */
export type HostRequest =
  | { id: number; type: 'admin'; args: string[] }
  | { id: number; type: 'usage' }
  | { id: number; type: 'close' };

/** A reply to the request with the same id; id 0 reports the start. */
export type HostReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; message: string };

export interface HostStarted {
  url: string;
  dataDir: string;
}

/** Memory and CPU time of the service process, as Node reports them. */
export interface ServiceUsage {
  memory: NodeJS.MemoryUsage;
  cpu: NodeJS.CpuUsage;
}
