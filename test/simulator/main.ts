/**
 * `npm run simulator`: starts the simulator and prints one JSON line a script can read, then a
 * line for people. The API key printed is the fake DEMO_API_KEY from seed.ts, printed on purpose
 * so a person can paste it into the extension; no real secret exists in the simulator.
 *
 * Ports: --port / --control-port, or SIM_PORT / SIM_CONTROL_PORT; ephemeral by default.
 * --rtt-ms (or SIM_RTT_MS) adds a delay to every answer.
 */
import { DEMO_API_KEY } from './seed';
import { startSimulator } from './server';

const argValue = (name: string): string | undefined => {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  const arg = args[i]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[i + 1];
};

const numberOption = (flag: string, env: string): number | undefined => {
  const raw = argValue(flag) ?? process.env[env];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} must be a non-negative integer`);
  return value;
};

const port = numberOption('--port', 'SIM_PORT');
const controlPort = numberOption('--control-port', 'SIM_CONTROL_PORT');
const rttMs = numberOption('--rtt-ms', 'SIM_RTT_MS');

const running = await startSimulator({
  ...(port !== undefined ? { port } : {}),
  ...(controlPort !== undefined ? { controlPort } : {}),
  ...(rttMs !== undefined ? { rttMs } : {}),
});

console.log(
  JSON.stringify({
    port: running.port,
    controlPort: running.controlPort,
    hosts: running.hosts,
    hostResolverRules: running.hostResolverRules,
    apiKey: DEMO_API_KEY,
  }),
);
console.log(
  `Simulator: https://127.0.0.1:${running.port} serves ${running.hosts.length} hosts; control at ${running.controlUrl}. Ctrl-C stops it.`,
);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  running.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
