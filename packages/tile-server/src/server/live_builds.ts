import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TilesetConfig } from '../catalog/catalog_schema.js';
import type { LoadedCatalog } from '../catalog/load_catalog.js';
import { SafeMapError, type ErrorCode } from '../errors.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import { configHash } from '../publish/publish_location.js';
import type { VersionFiles } from '../store/load_tilesets.js';
import { buildProcessEnv } from '../malloc_thresholds.js';
import { runLiveBuild, type LiveBuildReply, type LiveBuildRequest } from './live_build_child.js';

/** A published version served while the server builds the current configuration, and its features per layer. */
export interface PublishedFallback {
  readonly version: string;
  readonly featuresPerLayer: Readonly<Record<string, number>>;
}

/**
 * Builds a configuration elsewhere: `key` names the configuration, `signature` the state of its sources. A builder
 * shared by several servers (the primary of `--workers`) owns the files it builds.
 */
export type SharedBuilder = (request: LiveBuildRequest, key: string, signature: string) => Promise<LiveBuildReply>;

/** Versions kept per tile set: the one served and one before it, for clients still holding its TileJSON. */
const KEEP = 2;

interface Entry {
  readonly config: TilesetConfig;
  readonly catalog: LoadedCatalog;
  readonly key: string;
  /** Sources' identity and state when the last build started. */
  signature: string | undefined;
  versions: VersionFiles[];
  building: boolean;
  failure: SafeMapError | undefined;
  /** The published version (of an earlier configuration) served until this configuration builds, if any. */
  fallback: PublishedFallback | undefined;
  waiters: Array<() => void>;
}

/**
 * Builds, with the same engine as `safemap build --config`, every tile set nothing published serves, in a child
 * process (one at a time, so memory is bounded by one build, and the server's own thread never tiles), into a
 * temporary folder; and builds again when a source file changes. The server serves these versions exactly like
 * published ones; a failed rebuild leaves the previous version serving.
 */
export class LiveBuilds {
  private readonly entries = new Map<string, Entry>();
  private readonly queue: Entry[] = [];
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    private readonly root: string,
    private readonly logger: Logger,
    private readonly onBuilt: () => void,
    private readonly metrics: Metrics | undefined,
    private readonly shared: SharedBuilder | undefined,
  ) {}

  /** `shared`: build through it (once for several servers) rather than in a child process of this one. */
  static async create(logger: Logger, onBuilt: () => void, pollMs = 1000, metrics?: Metrics, shared?: SharedBuilder): Promise<LiveBuilds> {
    const builds = new LiveBuilds(await mkdtemp(path.join(tmpdir(), 'safemap-live-')), logger, onBuilt, metrics, shared);
    if (pollMs > 0) {
      builds.timer = setInterval(() => void builds.poll(), pollMs);
      builds.timer.unref();
    }
    return builds;
  }

  /**
   * The newest built version of this configuration (and the ones before it), or undefined; asks for a build if none.
   * `fallback`: the published version served meanwhile, named in the log if the build fails.
   */
  versionsOf(config: TilesetConfig, catalog: LoadedCatalog, fallback?: PublishedFallback): VersionFiles[] {
    const entry = this.entryOf(config, catalog);
    entry.fallback = fallback;
    if (entry.signature === undefined && !entry.building) void this.check(entry);
    return entry.versions;
  }

  /**
   * Resolves once every tile set asked for so far has a first version or has failed; rejects with the first failure
   * of a tile set that has nothing else to serve (no published version standing in).
   */
  async settled(): Promise<void> {
    await Promise.all([...this.entries.values()].map((entry) => (entry.versions.length > 0 || (entry.failure && !entry.building) ? undefined : new Promise<void>((resolve) => entry.waiters.push(resolve)))));
    const failed = [...this.entries.values()].find((entry) => entry.versions.length === 0 && entry.failure && entry.fallback === undefined);
    if (failed) throw failed.failure;
  }

  /** Tile sets asked for that have no version yet. */
  get waiting(): number {
    return [...this.entries.values()].filter((entry) => entry.versions.length === 0).length;
  }

  /**
   * Forgets the configurations a reload no longer asked for (an edited catalogue's old ones), so their sources stop
   * being watched and rebuilt; their files go once the registries still reading them have closed.
   */
  retainOnly(configs: Iterable<TilesetConfig>): void {
    const keep = new Set([...configs].map((config) => `${config.id}-${configHash(config)}`));
    for (const [key, entry] of this.entries) {
      if (keep.has(key) || entry.building) continue;
      this.entries.delete(key);
      setTimeout(() => void rm(path.join(this.root, key), { recursive: true, force: true }), 30_000).unref();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await rm(this.root, { recursive: true, force: true });
  }

  private entryOf(config: TilesetConfig, catalog: LoadedCatalog): Entry {
    const key = `${config.id}-${configHash(config)}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { config, catalog, key, signature: undefined, versions: [], building: false, failure: undefined, fallback: undefined, waiters: [] };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private async poll(): Promise<void> {
    for (const entry of this.entries.values()) if (!entry.building) await this.check(entry);
  }

  /** Queues a build when the sources differ from those of the last build. */
  private async check(entry: Entry): Promise<void> {
    const signature = await sourceSignature(entry.config, entry.catalog);
    if (signature === entry.signature || entry.building || this.closed) return;
    entry.signature = signature;
    entry.building = true;
    this.queue.push(entry);
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let entry = this.queue.shift(); entry && !this.closed; entry = this.queue.shift()) await this.build(entry);
    } finally {
      this.running = false;
    }
  }

  private async build(entry: Entry): Promise<void> {
    const started = performance.now();
    const request: LiveBuildRequest = {
      config: entry.config,
      baseDir: entry.catalog.baseDir,
      catalogFile: entry.catalog.file,
      configHash: configHash(entry.config),
      dir: path.join(this.root, entry.key),
      ...(entry.fallback ? { guard: entry.fallback.featuresPerLayer } : {}),
    };
    this.logger.info({ tileset: entry.config.id, configuration: entry.key }, this.shared ? 'nothing published for this configuration: asking for a build' : 'nothing published for this configuration: building it');
    const reply = this.shared ? await this.shared(request, entry.key, entry.signature ?? '') : await buildElsewhere(request);
    entry.building = false;
    this.metrics?.event('build', entry.config.id, reply.ok ? 'ok' : 'failed');
    if (reply.ok) {
      entry.failure = undefined;
      const old = entry.versions.filter((version) => version.version !== reply.version);
      entry.versions = [{ version: reply.version, archive: reply.archive, lookups: reply.lookups }, ...old].slice(0, KEEP);
      if (!this.shared) for (const dropped of old.slice(KEEP - 1)) await Promise.all([rm(dropped.archive, { force: true }), rm(dropped.lookups, { force: true })]);
      this.logger.info({ tileset: entry.config.id, version: reply.version, tiles: reply.tiles, features: reply.features, skipped: reply.skipped, seconds: Math.round(performance.now() - started) / 1000 }, 'built');
      if (!this.closed) this.onBuilt();
    } else {
      entry.failure = new SafeMapError((reply.code as ErrorCode | undefined) ?? 'INTERNAL', reply.message);
      const outcome =
        entry.versions.length > 0
          ? `still serving version ${entry.versions[0]!.version}`
          : entry.fallback
            ? `serving the published version ${entry.fallback.version} (built from an earlier catalogue) until a build succeeds`
            : 'its tiles answer 503 until a build succeeds';
      this.logger.error({ tileset: entry.config.id, code: reply.code }, `build failed: ${reply.message}; ${outcome}`);
    }
    for (const resolve of entry.waiters.splice(0)) resolve();
  }
}

/** The compiled child entry; from TypeScript sources (tests) the compiled copy in dist/ is used when it exists. */
function childFile(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  const candidates = [path.join(path.dirname(here), 'live_build_child.js'), path.resolve(path.dirname(here), '../../dist/server/live_build_child.js')];
  return candidates.find((file) => file.endsWith('.js') && existsSync(file));
}

/** Runs one build in a child process, so every byte of its memory is returned when it ends. */
export function buildElsewhere(request: LiveBuildRequest): Promise<LiveBuildReply> {
  const file = childFile();
  if (!file) return runLiveBuild(request);
  return new Promise((resolve) => {
    const child = fork(file, ['--safemap-live-build'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [], env: buildProcessEnv() });
    let reply: LiveBuildReply | undefined;
    child.once('message', (message: LiveBuildReply) => (reply = message));
    child.once('exit', (code, signal) => resolve(reply ?? { ok: false, code: 'INTERNAL', message: `the build process ended (${signal ?? `exit ${code}`})` }));
    child.send(request);
  });
}

async function sourceSignature(config: TilesetConfig, catalog: LoadedCatalog): Promise<string> {
  const parts = await Promise.all(
    config.layers.map((layer) =>
      stat(path.resolve(catalog.baseDir, layer.source.path)).then(
        (info) => `${info.ino}:${info.size}:${info.mtimeMs}`,
        () => 'missing',
      ),
    ),
  );
  return parts.join('|');
}
