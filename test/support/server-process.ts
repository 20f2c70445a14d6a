// The reference server as a real process (`server/main.ts`), for the tests that kill it: SIGKILL stops it
// dead wherever it was (mid-request, mid-transaction), and another process started on the same database
// has to pick up what it left. Each process is its own Node with its own event loop, as in production.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TEST_API_KEY, TEST_JWT_SECRET, TEST_SERVICE_KEY } from './server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** Resolves when the process has exited, with its exit code or signal. */
  readonly exited: Promise<number | string | null>;
  /** Sends `signal` (SIGKILL by default) and waits for the process to end. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `server/main.ts` with the test keys and `env` (the database, the processor, the timings), on a
 * free port; resolves once it listens. Its output goes to this process's stderr when `TILLKIT_TEST_LOG`
 * is set, else it is kept quiet (a killed server's last words are noise in a test report).
 */
export async function startServerProcess(env: Readonly<Record<string, string>>): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      PORT: '0',
      TILLKIT_API_KEY: TEST_API_KEY,
      TILLKIT_SERVICE_KEY: TEST_SERVICE_KEY,
      TILLKIT_JWT_SECRET: TEST_JWT_SECRET,
      TILLKIT_SEED_DEMO: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', process.env.TILLKIT_TEST_LOG ? 'inherit' : 'ignore'],
  });
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the server process did not start in time:\n${seen}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += String(chunk);
      if (process.env.TILLKIT_TEST_LOG) process.stderr.write(chunk);
      const match = /listening on (http:\/\/\S+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`the server process exited (${String(how)}) before listening:\n${seen}`));
    });
  });
  child.stdout!.resume();
  return {
    url,
    pid: child.pid!,
    exited,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
