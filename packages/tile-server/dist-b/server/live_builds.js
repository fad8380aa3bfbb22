import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SafeMapError } from '../errors.js';
import { configHash } from '../publish/publish_location.js';
import { runLiveBuild } from './live_build_child.js';
/** Versions kept per tile set: the one served and one before it, for clients still holding its TileJSON. */
const KEEP = 2;
/**
 * Builds, with the same engine as `safemap build --config`, every tile set nothing published serves, in a child
 * process (one at a time, so memory is bounded by one build, and the server's own thread never tiles), into a
 * temporary folder; and builds again when a source file changes. The server serves these versions exactly like
 * published ones; a failed rebuild leaves the previous version serving.
 */
export class LiveBuilds {
    root;
    logger;
    onBuilt;
    metrics;
    entries = new Map();
    queue = [];
    running = false;
    timer;
    closed = false;
    constructor(root, logger, onBuilt, metrics) {
        this.root = root;
        this.logger = logger;
        this.onBuilt = onBuilt;
        this.metrics = metrics;
    }
    static async create(logger, onBuilt, pollMs = 1000, metrics) {
        const builds = new LiveBuilds(await mkdtemp(path.join(tmpdir(), 'safemap-live-')), logger, onBuilt, metrics);
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
    versionsOf(config, catalog, fallback) {
        const entry = this.entryOf(config, catalog);
        entry.fallback = fallback;
        if (entry.signature === undefined && !entry.building)
            void this.check(entry);
        return entry.versions;
    }
    /**
     * Resolves once every tile set asked for so far has a first version or has failed; rejects with the first failure
     * of a tile set that has nothing else to serve (no published version standing in).
     */
    async settled() {
        await Promise.all([...this.entries.values()].map((entry) => (entry.versions.length > 0 || (entry.failure && !entry.building) ? undefined : new Promise((resolve) => entry.waiters.push(resolve)))));
        const failed = [...this.entries.values()].find((entry) => entry.versions.length === 0 && entry.failure && entry.fallback === undefined);
        if (failed)
            throw failed.failure;
    }
    /** Tile sets asked for that have no version yet. */
    get waiting() {
        return [...this.entries.values()].filter((entry) => entry.versions.length === 0).length;
    }
    /**
     * Forgets the configurations a reload no longer asked for (an edited catalogue's old ones), so their sources stop
     * being watched and rebuilt; their files go once the registries still reading them have closed.
     */
    retainOnly(configs) {
        const keep = new Set([...configs].map((config) => `${config.id}-${configHash(config)}`));
        for (const [key, entry] of this.entries) {
            if (keep.has(key) || entry.building)
                continue;
            this.entries.delete(key);
            setTimeout(() => void rm(path.join(this.root, key), { recursive: true, force: true }), 30_000).unref();
        }
    }
    async close() {
        this.closed = true;
        if (this.timer)
            clearInterval(this.timer);
        await rm(this.root, { recursive: true, force: true });
    }
    entryOf(config, catalog) {
        const key = `${config.id}-${configHash(config)}`;
        let entry = this.entries.get(key);
        if (!entry) {
            entry = { config, catalog, key, signature: undefined, versions: [], building: false, failure: undefined, fallback: undefined, waiters: [] };
            this.entries.set(key, entry);
        }
        return entry;
    }
    async poll() {
        for (const entry of this.entries.values())
            if (!entry.building)
                await this.check(entry);
    }
    /** Queues a build when the sources differ from those of the last build. */
    async check(entry) {
        const signature = await sourceSignature(entry.config, entry.catalog);
        if (signature === entry.signature || entry.building || this.closed)
            return;
        entry.signature = signature;
        entry.building = true;
        this.queue.push(entry);
        void this.drain();
    }
    async drain() {
        if (this.running)
            return;
        this.running = true;
        try {
            for (let entry = this.queue.shift(); entry && !this.closed; entry = this.queue.shift())
                await this.build(entry);
        }
        finally {
            this.running = false;
        }
    }
    async build(entry) {
        const started = performance.now();
        const request = {
            config: entry.config,
            baseDir: entry.catalog.baseDir,
            catalogFile: entry.catalog.file,
            configHash: configHash(entry.config),
            dir: path.join(this.root, entry.key),
            ...(entry.fallback ? { guard: entry.fallback.featuresPerLayer } : {}),
        };
        this.logger.info({ tileset: entry.config.id }, 'nothing published for this configuration: building it');
        const reply = await buildElsewhere(request);
        entry.building = false;
        this.metrics?.event('build', entry.config.id, reply.ok ? 'ok' : 'failed');
        if (reply.ok) {
            entry.failure = undefined;
            const old = entry.versions.filter((version) => version.version !== reply.version);
            entry.versions = [{ version: reply.version, archive: reply.archive, lookups: reply.lookups }, ...old].slice(0, KEEP);
            for (const dropped of old.slice(KEEP - 1))
                await Promise.all([rm(dropped.archive, { force: true }), rm(dropped.lookups, { force: true })]);
            this.logger.info({ tileset: entry.config.id, version: reply.version, tiles: reply.tiles, features: reply.features, skipped: reply.skipped, seconds: Math.round(performance.now() - started) / 1000 }, 'built');
            if (!this.closed)
                this.onBuilt();
        }
        else {
            entry.failure = new SafeMapError(reply.code ?? 'INTERNAL', reply.message);
            const outcome = entry.versions.length > 0
                ? `still serving version ${entry.versions[0].version}`
                : entry.fallback
                    ? `serving the published version ${entry.fallback.version} (built from an earlier catalogue) until a build succeeds`
                    : 'its tiles answer 503 until a build succeeds';
            this.logger.error({ tileset: entry.config.id, code: reply.code }, `build failed: ${reply.message}; ${outcome}`);
        }
        for (const resolve of entry.waiters.splice(0))
            resolve();
    }
}
/** The compiled child entry; from TypeScript sources (tests) the compiled copy in dist/ is used when it exists. */
function childFile() {
    const here = fileURLToPath(import.meta.url);
    const candidates = [path.join(path.dirname(here), 'live_build_child.js'), path.resolve(path.dirname(here), '../../dist/server/live_build_child.js')];
    return candidates.find((file) => file.endsWith('.js') && existsSync(file));
}
function buildElsewhere(request) {
    const file = childFile();
    if (!file)
        return runLiveBuild(request);
    return new Promise((resolve) => {
        const child = fork(file, ['--safemap-live-build'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [] });
        let reply;
        child.once('message', (message) => (reply = message));
        child.once('exit', (code, signal) => resolve(reply ?? { ok: false, code: 'INTERNAL', message: `the build process ended (${signal ?? `exit ${code}`})` }));
        child.send(request);
    });
}
async function sourceSignature(config, catalog) {
    const parts = await Promise.all(config.layers.map((layer) => stat(path.resolve(catalog.baseDir, layer.source.path)).then((info) => `${info.ino}:${info.size}:${info.mtimeMs}`, () => 'missing')));
    return parts.join('|');
}
//# sourceMappingURL=live_builds.js.map