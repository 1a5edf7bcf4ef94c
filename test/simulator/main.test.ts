import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { DEMO_API_KEY, SIM_HOSTS } from './index';

const MAIN = resolve(import.meta.dirname, 'main.ts');

const isListening = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });

describe('npm run simulator', () => {
  it('prints one JSON line, then stops cleanly with exit code 0 on SIGTERM', async () => {
    // One process (no tsx wrapper), so the signal reaches main.ts itself.
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      const lines = createInterface({ input: child.stdout! });
      const first = await new Promise<string>((done) => lines.once('line', done));
      const info = JSON.parse(first) as {
        port: number;
        controlPort: number;
        hosts: string[];
        hostResolverRules: string;
        apiKey: string;
      };
      expect(info.hosts).toEqual(SIM_HOSTS);
      expect(info.apiKey).toBe(DEMO_API_KEY);
      expect(info.hostResolverRules).toContain(`MAP g.codefresh.io 127.0.0.1:${info.port}`);
      expect(await isListening(info.port)).toBe(true);
      expect((await fetch(`http://127.0.0.1:${info.controlPort}/log`)).status).toBe(200);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(await isListening(info.port)).toBe(false);
      expect(await isListening(info.controlPort)).toBe(false);
    } finally {
      // Never leave the child behind when an expectation fails first.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
