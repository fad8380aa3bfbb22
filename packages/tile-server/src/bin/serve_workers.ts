import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { createLogger } from '../log.js';
import { startClusterMetricsEndpoint } from '../metrics/metrics_endpoint.js';
import { defaultSecurityOptions } from '../security/security_options.js';
import { registerServer } from '../server/server_registry.js';
import { buildForWorkers } from '../server/shared_live_builds.js';
import { missingConfig, serveCommand } from './serve_command.js';

/** Per-client budgets split across workers: flag, environment variable and default. */
const budgets = [
  ['tile-rate', 'TILE_RATE_LIMIT', defaultSecurityOptions.tileRatePerSecond],
  ['tile-burst', 'TILE_RATE_BURST', defaultSecurityOptions.tileBurst],
  ['rate-limit', 'RATE_LIMIT', defaultSecurityOptions.requestsPerMinute],
] as const;

/**
 * `safemap serve [--workers N|auto]` (env WORKERS, default 1): with more than one worker, this process becomes a
 * node:cluster primary that forks N identical, stateless `safemap serve` processes sharing one listening socket, so
 * tiles are served from every core. Each worker loads the catalogue, watches for publishes and drains on SIGTERM on
 * its own, exactly as a single process does.
 *
 * Connections are handed to workers round-robin, so a client's requests are spread over all of them; the per-client
 * budgets are therefore divided by N, keeping a client's total about where it was configured. The tile cache is per
 * worker (memory grows N times). A tile set nothing published serves is built once, by this process, for all workers. `/metrics`, when enabled, is answered by the primary for all workers together.
 */
export async function serveWithWorkers(argv: string[]): Promise<number> {
  const { workers, rest, error } = takeWorkers(argv, process.env.WORKERS);
  if (error) {
    process.stderr.write(`safemap serve: ${error}\n`);
    return 2;
  }
  if (cluster.isWorker || workers <= 1) return serveCommand(rest);
  if (!catalogOf(rest)) {
    process.stderr.write(missingConfig);
    return 2;
  }
  return runPrimary(workers, rest);
}

function takeWorkers(argv: string[], env: string | undefined): { workers: number; rest: string[]; error?: string } {
  const rest: string[] = [];
  let text = env;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--workers') text = argv[++i];
    else if (arg.startsWith('--workers=')) text = arg.slice('--workers='.length);
    else rest.push(arg);
  }
  if (text === undefined || text === '') return { workers: 1, rest };
  if (text === 'auto') return { workers: availableParallelism(), rest };
  if (!/^[1-9]\d{0,2}$/.test(text)) return { workers: 1, rest, error: '--workers (WORKERS) must be auto or an integer from 1 to 999' };
  return { workers: Number(text), rest };
}

async function runPrimary(count: number, argv: string[]): Promise<number> {
  const logger = createLogger();
  const option = (flag: string, env: string) => {
    const index = argv.lastIndexOf(`--${flag}`);
    return index >= 0 ? argv[index + 1] : process.env[env];
  };
  const split: string[] = [];
  for (const [flag, env, fallback] of budgets) {
    const text = option(flag, env);
    const value = text === undefined || text === '' ? fallback : Number(text);
    // 0 means "off" and stays off; anything else keeps at least 1 per worker. Bad values are left to the workers.
    if (Number.isInteger(value) && value > 0) split.push(`--${flag}`, String(Math.max(1, Math.ceil(value / count))));
  }
  cluster.setupPrimary({ args: [...process.argv.slice(2), ...split] });

  const builds = await buildForWorkers(logger);
  const metricsPort = option('metrics-port', 'METRICS_PORT');
  const metrics = metricsPort ? await startClusterMetricsEndpoint({ port: Number(metricsPort), host: option('metrics-host', 'METRICS_HOST') ?? '127.0.0.1' }) : undefined;

  let stopping = false;
  let failure = 0;
  const listening = new Set<Worker>();
  const fork = () => {
    const worker = cluster.fork();
    worker.once('listening', () => listening.add(worker));
    worker.once('exit', (code, signal) => {
      const wasListening = listening.delete(worker);
      if (stopping) return;
      if (!wasListening && ready.size < count) {
        // It never served, at start-up: a bad catalogue or a taken port. Forking again would fail the same way.
        failure = code || 1;
        stop('worker failed to start');
        return;
      }
      if (!wasListening) {
        // A replacement that could not start (a catalogue broken since, a build that fails): the others keep
        // serving, and it is tried again a little later rather than in a tight loop.
        logger.error({ pid: worker.process.pid, code, signal }, 'a replacement worker could not start; trying again in 5 s');
        setTimeout(() => stopping || fork(), 5_000).unref();
        return;
      }
      logger.error({ pid: worker.process.pid, code, signal }, 'worker died; starting a replacement');
      fork();
    });
  };
  for (let i = 0; i < count; i++) fork();
  // Announced once every worker can serve (tile sets nothing published are built first), not when the first listens.
  let port = 0;
  const ready = new Set<number>();
  cluster.once('listening', (_worker, address) => (port = address.port));
  cluster.on('message', (worker, message: { type?: string }) => {
    if (message?.type !== 'safemap:ready' || ready.has(worker.id)) return;
    ready.add(worker.id);
    if (ready.size === count) process.stdout.write(`SafeMap is serving the safety map at http://localhost:${port} with ${count} workers\n`);
  });

  let done: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (done = resolve));
  function stop(reason: string) {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, 'stopping workers');
    const alive = Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined && !worker.isDead());
    let left = alive.length;
    const end = () => void Promise.all([metrics?.close(), builds.close()]).finally(() => done(failure));
    if (left === 0) end();
    for (const worker of alive) {
      worker.once('exit', (code) => {
        if (code) failure ||= code;
        if (--left === 0) end();
      });
      // Each worker drains as a single process does: readiness off, in-flight requests finish, then exit.
      worker.process.kill('SIGTERM');
    }
  }
  const unregister = registerServer(catalogOf(argv));
  const reload = () => {
    logger.info({ signal: 'SIGHUP' }, 'reloading the catalogue in every worker');
    for (const worker of Object.values(cluster.workers ?? {})) if (worker && !worker.isDead()) worker.process.kill('SIGHUP');
  };
  process.on('SIGHUP', reload);
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  return finished.finally(() => {
    process.off('SIGHUP', reload);
    unregister();
  });
}

/** The `--config` of a serve command line (`-c`, `--config FILE` or `--config=FILE`); the workers refuse it if absent. */
function catalogOf(argv: readonly string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--config' || arg === '-c') return argv[i + 1] ?? '';
    if (arg.startsWith('--config=')) return arg.slice('--config='.length);
  }
  return '';
}
