import { freePort } from './nginx.js';
import { until } from './process_tree.js';
import { startServerProcess, type ServerProcess } from './server_process.js';

/** `safemap serve --workers 2` with `/metrics` on its own port, resolved once the primary says both workers serve. */
export async function startWorkersWithMetrics(catalogPath: string): Promise<{ server: ServerProcess; metricsUrl: string }> {
  const metricsPort = await freePort();
  const server = await startServerProcess(catalogPath, ['--workers', '2', '--metrics-port', String(metricsPort)], { LOG_LEVEL: 'warn' }, 90_000);
  await until(() => /with 2 workers/.test(server.output()), Boolean);
  return { server, metricsUrl: `http://127.0.0.1:${metricsPort}` };
}
