import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import { createLogger } from '../log.js';
import { Metrics } from '../metrics/metrics.js';
import { startMetricsEndpoint } from '../metrics/metrics_endpoint.js';
import { registerServer } from '../server/server_registry.js';
import { startServer } from '../server/start_server.js';

const usage = `Usage: safemap serve --config CATALOGUE [--host HOST] [--port PORT] [--public-url URL]

Serve the tile sets of a layer catalogue, the widget and the agency's map page at /.
An edited catalogue is applied within about a second (keys, access, allow-lists), and at once on SIGHUP or
"safemap reload --config CATALOGUE"; a catalogue that does not load is reported and the previous one kept.

  -c, --config FILE     layer catalogue (required)
      --host HOST       address to bind (env HOST, default 127.0.0.1; 0.0.0.0 to expose)
  -p, --port PORT       port (env PORT, default 8080)
      --public-url URL  base URL clients reach the server at, behind a proxy (env PUBLIC_URL)
      --frame-ancestors SOURCES
                        who may frame SafeMap pages (env FRAME_ANCESTORS, default 'self')
      --cors-origins LIST
                        origins that may read public data, comma-separated (env CORS_ORIGINS, default *)
      --trust-proxy HOPS
                        proxies in front whose X-Forwarded-For is believed (env TRUST_PROXY, default 0)
      --tile-rate N     tile requests per second per client, 0 = off (env TILE_RATE_LIMIT, default 200)
      --tile-burst N    tile requests a client may make at once (env TILE_RATE_BURST, default 1000)
      --rate-limit N    other requests per minute per client, 0 = off (env RATE_LIMIT, default 600)
      --headers-timeout MS
                        time a client has to send its headers (env HEADERS_TIMEOUT_MS, default 10000)
      --request-timeout MS
                        time a client has to send a request (env REQUEST_TIMEOUT_MS, default 30000)
      --keep-alive-timeout MS
                        idle keep-alive connection lifetime (env KEEP_ALIVE_TIMEOUT_MS, default 5000)
      --drain-delay MS  on SIGTERM, time /readyz answers 503 before the listener closes (env DRAIN_DELAY_MS, default 0)
      --drain-timeout MS
                        on SIGTERM, time in-flight requests get to finish (env DRAIN_TIMEOUT_MS, default 10000)
      --generation-queue N
                        uncached tiles waiting to be cut before 503 + Retry-After (env GENERATION_QUEUE, default 256)
      --allowed-hosts LIST
                        without --public-url: Host names (name[:port]) links may be built from, comma-separated
                        (env ALLOWED_HOSTS, default localhost and this machine's addresses); others get 421
      --ipv6-prefix BITS
                        IPv6 clients share one rate limit budget per prefix (env IPV6_PREFIX, default 64)
      --metrics-port PORT
                        serve Prometheus /metrics on this separate port (env METRICS_PORT, default off)
      --metrics-host HOST
                        address of the metrics listener (env METRICS_HOST, default 127.0.0.1)
      --workers N|auto  processes serving in parallel on one port, auto = one per core (env WORKERS, default 1)
  -h, --help            show this help
`;

export const missingConfig = `safemap serve: --config CATALOGUE is required: the layer catalogue to serve (the demo's is examples/busan/catalog.json; "npm start" serves it)\n`;

/** `safemap serve`: runs until SIGTERM/SIGINT, then drains and exits 0; reloads its catalogue on SIGHUP. */
export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', short: 'c' },
      host: { type: 'string' },
      port: { type: 'string', short: 'p' },
      'public-url': { type: 'string' },
      'frame-ancestors': { type: 'string' },
      'cors-origins': { type: 'string' },
      'trust-proxy': { type: 'string' },
      'tile-rate': { type: 'string' },
      'tile-burst': { type: 'string' },
      'rate-limit': { type: 'string' },
      'headers-timeout': { type: 'string' },
      'request-timeout': { type: 'string' },
      'keep-alive-timeout': { type: 'string' },
      'drain-delay': { type: 'string' },
      'drain-timeout': { type: 'string' },
      'generation-queue': { type: 'string' },
      'allowed-hosts': { type: 'string' },
      'ipv6-prefix': { type: 'string' },
      'metrics-port': { type: 'string' },
      'metrics-host': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  if (values.config === undefined) {
    process.stderr.write(missingConfig);
    return 2;
  }
  const port = Number(values.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`safemap serve: port must be an integer from 0 to 65535\n`);
    return 2;
  }
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';
  const numbers: Record<string, number | undefined> = {};
  for (const [flag, env] of numericSettings) {
    const text = values[flag] ?? process.env[env];
    if (text === undefined || text === '') continue;
    if (!/^\d{1,9}$/.test(text)) {
      process.stderr.write(`safemap serve: --${flag} (${env}) must be a non-negative integer\n`);
      return 2;
    }
    numbers[flag] = Number(text);
  }
  const corsOrigins = (values['cors-origins'] ?? process.env.CORS_ORIGINS)?.split(/[\s,]+/).filter(Boolean);
  const allowedHosts = (values['allowed-hosts'] ?? process.env.ALLOWED_HOSTS)?.split(/[\s,]+/).filter(Boolean);
  const metrics = numbers['metrics-port'] !== undefined ? new Metrics() : undefined;
  const security = {
    ...(corsOrigins && corsOrigins.length > 0 ? { corsOrigins } : {}),
    ...defined('trustProxy', numbers['trust-proxy']),
    ...defined('tileRatePerSecond', numbers['tile-rate']),
    ...defined('tileBurst', numbers['tile-burst']),
    ...defined('requestsPerMinute', numbers['rate-limit']),
    ...defined('generationQueue', numbers['generation-queue']),
    ...defined('ipv6PrefixBits', numbers['ipv6-prefix']),
    ...(allowedHosts && allowedHosts.length > 0 ? { allowedHosts } : {}),
  };
  const logger = createLogger();
  const running = await startServer({
    catalogPath: values.config,
    host,
    port,
    logger,
    ...(values['public-url'] ?? process.env.PUBLIC_URL ? { publicUrl: values['public-url'] ?? process.env.PUBLIC_URL } : {}),
    frameAncestors: (values['frame-ancestors'] ?? process.env.FRAME_ANCESTORS ?? "'self'").split(/\s+/).filter(Boolean),
    security,
    ...(metrics ? { metrics } : {}),
    // A worker joins the shared port only once it can serve: the others carry the traffic meanwhile.
    listenWhenReady: cluster.isWorker,
    buildInPrimary: cluster.isWorker,
    ...defined('headersTimeoutMs', numbers['headers-timeout']),
    ...defined('requestTimeoutMs', numbers['request-timeout']),
    ...defined('keepAliveTimeoutMs', numbers['keep-alive-timeout']),
    ...defined('drainDelayMs', numbers['drain-delay']),
    ...defined('drainTimeoutMs', numbers['drain-timeout']),
  });
  const shown = host === '127.0.0.1' || host === '0.0.0.0' || host === '::' ? `http://localhost:${running.server.address() && (running.server.address() as { port: number }).port}` : running.url;
  // What start-up logged (refused archives, failed builds) comes before the banner, though the log is written in batches.
  await new Promise<void>((resolve) => logger.flush(() => resolve()));
  // A worker of `--workers N` tells the primary it can serve; the primary speaks for all of them.
  if (cluster.isWorker) process.send?.({ type: 'safemap:ready' });
  else process.stdout.write(`SafeMap is serving the safety map at ${shown}\n`);
  const metricsEndpoint = metrics
    ? await startMetricsEndpoint(metrics, { port: numbers['metrics-port']!, host: values['metrics-host'] ?? process.env.METRICS_HOST ?? '127.0.0.1' })
    : undefined;

  // The primary of `--workers N` registers for all of its workers and passes SIGHUP on to them.
  const unregister = cluster.isWorker ? () => {} : registerServer(values.config);
  const reload = () => {
    logger.info({ signal: 'SIGHUP' }, 'reloading the catalogue');
    running.reload().catch((error: unknown) => logger.error({ err: error }, `reloading failed; still serving the previous catalogue and tile sets: ${(error as Error).message}`));
  };
  process.on('SIGHUP', reload);

  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      process.off('SIGHUP', reload);
      unregister();
      // Metrics close last: a cluster worker's final push then includes the requests that finished while draining.
      running
        .close()
        .then(() => metricsEndpoint?.close())
        .then(
          () => resolve(0),
          (error: unknown) => {
            logger.error({ err: error }, 'shutdown failed');
            resolve(1);
          },
        );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}

/** Numeric serve settings: flag name and the environment variable that stands in for it. */
const numericSettings = [
  ['trust-proxy', 'TRUST_PROXY'],
  ['tile-rate', 'TILE_RATE_LIMIT'],
  ['tile-burst', 'TILE_RATE_BURST'],
  ['rate-limit', 'RATE_LIMIT'],
  ['headers-timeout', 'HEADERS_TIMEOUT_MS'],
  ['request-timeout', 'REQUEST_TIMEOUT_MS'],
  ['keep-alive-timeout', 'KEEP_ALIVE_TIMEOUT_MS'],
  ['drain-delay', 'DRAIN_DELAY_MS'],
  ['drain-timeout', 'DRAIN_TIMEOUT_MS'],
  ['generation-queue', 'GENERATION_QUEUE'],
  ['ipv6-prefix', 'IPV6_PREFIX'],
  ['metrics-port', 'METRICS_PORT'],
] as const;

function defined<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: number };
}
