/**
 * The simulator as Chromium sees it: one HTTPS port for every fake host plus a plain-HTTP control
 * port, both on 127.0.0.1 and ephemeral unless asked otherwise.
 */
import { startControlServer } from './control-server';
import { startHttpsServer } from './https-server';
import { createSimulator, type Simulator } from './index';

export interface StartOptions {
  readonly port?: number;
  readonly controlPort?: number;
  readonly rttMs?: number;
  /** See SimulatorOptions.extraGithubRuntimes (the bench's `bench-NN` runtimes). */
  readonly extraGithubRuntimes?: number;
  /** See SimulatorOptions.sameNamedRuntime (acme-gitlab's own `production`). */
  readonly sameNamedRuntime?: boolean;
}

export interface RunningSimulator {
  readonly sim: Simulator;
  readonly port: number;
  readonly controlPort: number;
  readonly controlUrl: string;
  readonly hosts: readonly string[];
  /** For Chromium's `--host-resolver-rules`: `MAP <host> 127.0.0.1:<port>` for every host. */
  readonly hostResolverRules: string;
  /** Closes both servers and every open connection. */
  close(): Promise<void>;
}

export const hostResolverRules = (hosts: readonly string[], port: number): string =>
  hosts.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', ');

export const startSimulator = async (options: StartOptions = {}): Promise<RunningSimulator> => {
  const sim = createSimulator({
    ...(options.rttMs !== undefined ? { rttMs: options.rttMs } : {}),
    ...(options.extraGithubRuntimes ? { extraGithubRuntimes: options.extraGithubRuntimes } : {}),
    ...(options.sameNamedRuntime ? { sameNamedRuntime: true } : {}),
  });
  const https = await startHttpsServer(sim.handle, sim.hosts, options.port ?? 0);
  let control: Awaited<ReturnType<typeof startControlServer>>;
  try {
    control = await startControlServer(sim, options.controlPort ?? 0);
  } catch (error) {
    await https.close();
    throw error;
  }
  return {
    sim,
    port: https.port,
    controlPort: control.port,
    controlUrl: `http://127.0.0.1:${control.port}`,
    hosts: sim.hosts,
    hostResolverRules: hostResolverRules(sim.hosts, https.port),
    async close() {
      await Promise.all([https.close(), control.close()]);
    },
  };
};
