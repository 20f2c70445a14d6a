// The parts of bench/server.ts: the server in a child process, the load loops, and CPU time read for each
// process apart: the server's, the load client's (this process) and PostgreSQL's backends serving it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import pg from 'pg';
import { callHeaders, type Call } from '../test/support/checkout-flow.ts';

export const API_KEY = 'pk_bench_tillkit';
export const SERVICE_KEY = 'sk_bench_service_key_0123456789';
export const JWT_SECRET = 'bench-jwt-secret-0123456789abcdef0123456789';

export interface Running {
  readonly url: string;
  readonly child: ChildProcess;
}

/** `server/main.ts` of the checkout at `root` in a process of its own, as in production. */
export async function startChild(root: string, env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'development',
      PORT: '0',
      TILLKIT_API_KEY: API_KEY,
      TILLKIT_SERVICE_KEY: SERVICE_KEY,
      TILLKIT_JWT_SECRET: JWT_SECRET,
      TILLKIT_SEED_DEMO: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  child.stdout.resume();
  return { url, child };
}

export async function stopChild({ child }: Running): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

let ticksPerSecond: number | undefined;

/** A process's CPU time (user + system) in ms from /proc, or undefined where there is none (not Linux). */
export function procCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

/** The server's CPU time in ms: from /proc, else from its `GET /admin/diagnostics`. */
export async function serverCpuMs(server: Running): Promise<number | undefined> {
  const fromProc = procCpuMs(server.child.pid!);
  if (fromProc !== undefined) return fromProc;
  const response = await fetch(`${server.url}/admin/diagnostics`, {
    headers: { 'X-Builton-Api-Key': API_KEY, Authorization: `Bearer ${SERVICE_KEY}` },
  });
  if (!response.ok) return undefined;
  const { cpu } = (await response.json()) as { cpu: { user: number; system: number } };
  return (cpu.user + cpu.system) / 1000;
}

/**
 * PostgreSQL's CPU time spent on the server's connections (their `application_name`), in ms since
 * `start()`; undefined when /proc can not be read. Backends that end during the window are not counted.
 */
export function postgresCpu(url: string, applicationName: string) {
  const client = new pg.Client({ connectionString: url });
  let before = new Map<number, number>();
  const sample = async () => {
    const rows = (
      await client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE application_name = $1`, [
        applicationName,
      ])
    ).rows;
    const map = new Map<number, number>();
    for (const { pid } of rows) {
      const ms = procCpuMs(pid);
      if (ms !== undefined) map.set(pid, ms);
    }
    return rows.length > 0 && map.size === 0 ? undefined : map;
  };
  return {
    async start() {
      await client.connect();
      before = (await sample()) ?? new Map();
    },
    async mark() {
      before = (await sample()) ?? new Map();
    },
    async elapsed(): Promise<number | undefined> {
      const after = await sample();
      if (!after) return undefined;
      let total = 0;
      for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
      return total;
    },
    end: () => client.end(),
  };
}

export interface Stats {
  readonly count: number;
  readonly errors: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/** Runs `clients` loops of `task` for `seconds`; latency per task in ms. */
export async function load(
  clients: number,
  seconds: number,
  task: (client: number, n: number) => Promise<void>,
): Promise<Stats> {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let n = 0; performance.now() < end; n++) {
        const t = performance.now();
        try {
          await task(client, n);
          latencies.push(performance.now() - t);
        } catch (error) {
          if (errors++ < 3) console.error(`  error: ${(error as Error).message}`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    errors,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
  };
}

/** `load`, with the CPU time each process spent meanwhile, per task (ms). */
export async function measured(
  server: Running,
  postgres: ReturnType<typeof postgresCpu> | undefined,
  run: () => Promise<Stats>,
): Promise<Stats & { server?: number; client: number; postgres?: number }> {
  const serverBefore = await serverCpuMs(server);
  await postgres?.mark();
  const clientBefore = process.cpuUsage();
  const stats = await run();
  const client = process.cpuUsage(clientBefore);
  const serverAfter = await serverCpuMs(server);
  const pgMs = await postgres?.elapsed();
  const per = (ms: number | undefined) => (ms === undefined || stats.count === 0 ? undefined : ms / stats.count);
  return {
    ...stats,
    client: (client.user + client.system) / 1000 / stats.count,
    ...(serverBefore !== undefined && serverAfter !== undefined ? { server: per(serverAfter - serverBefore) } : {}),
    ...(pgMs !== undefined ? { postgres: per(pgMs) } : {}),
  };
}

/**
 * The load client's `call`: the same requests as the tests' `fetchCall` (the API key, a fresh
 * Idempotency-Key on every POST, the JSON answer, anything but 2xx thrown), over `node:http` with one
 * kept-alive connection per client, as a load generator does. `fetch` spends about twice the CPU per
 * request, which on this machine is taken from the server measured.
 */
export function httpCall(baseUrl: string, apiKey: string, sockets: number): Call {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const { hostname, port } = new URL(baseUrl);
  return (method, path, body, token) =>
    new Promise((resolve, reject) => {
      const headers = callHeaders(apiKey, body, token);
      const payload = body === undefined ? undefined : JSON.stringify(body);
      if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload));
      const req = request({ agent, hostname, port, method, path, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          if (status < 200 || status > 299) reject(new Error(`${method} ${path}: ${status} ${text.slice(0, 200)}`));
          else resolve(text ? JSON.parse(text) : undefined);
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
}
