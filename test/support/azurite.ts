import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { within } from './http.js';

/** Azurite's fixed development account (public, documented by Microsoft): not a secret. */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const STARTUP_MS = 30_000;

/**
 * The Azure Blob Storage emulator (npm `azurite`, blob service only) as a child process on loopback, on a port
 * the OS picks, keeping its data in memory; its working directory is a temp dir removed on stop.
 */
export class Azurite {
  private constructor(
    private readonly child: ChildProcess,
    private readonly workDir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<Azurite> {
    const workDir = await mkdtemp(join(tmpdir(), 'bilan-azurite-'));
    const main = join(dirname(createRequire(import.meta.url).resolve('azurite/package.json')), 'dist/src/blob/main.js');
    const args = ['--blobHost', '127.0.0.1', '--blobPort', '0', '--inMemoryPersistence', '--extentMemoryLimit', '256'];
    // Azurite closes idle keep-alive sockets after 5 s, racing the SDK that reuses them (ECONNRESET, then the SDK's
    // retry waits seconds): Azure itself keeps them much longer.
    args.push('--blobKeepAliveTimeout', '300');
    // The Azure SDK may speak a newer service version than this Azurite knows; telemetry would try the network.
    args.push('--skipApiVersionCheck', '--disableTelemetry', '--silent');
    // Its own environment: NODE_OPTIONS from the test run (tsx) must not reach it.
    const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '' };
    const child = spawn(process.execPath, [main, ...args], { cwd: workDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const listening = new Promise<number>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const port = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1];
        if (port) resolve(Number(port));
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => reject(new Error(`Azurite exited (code ${code}) before listening: ${output}`)));
    });
    try {
      return new Azurite(child, workDir, await within(listening, STARTUP_MS, 'starting Azurite'));
    } catch (error) {
      child.kill('SIGKILL');
      await rm(workDir, { recursive: true, force: true });
      throw error;
    }
  }

  get connectionString(): string {
    return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};BlobEndpoint=http://127.0.0.1:${this.port}/${DEV_ACCOUNT};`;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await within(exited, 5000, 'stopping Azurite').catch(() => this.child.kill('SIGKILL'));
    }
    await rm(this.workDir, { recursive: true, force: true });
  }
}
