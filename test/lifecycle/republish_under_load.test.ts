import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, watch } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPointer } from '../../packages/tile-server/src/publish/publish_pointer.js';
import type { RawResponse } from '../helpers/http_get.js';
import { makeMarkerCatalogue, tilesInRegion, writeMarkedSources, type MarkerCatalogue } from '../helpers/marker_catalogue.js';
import { cliBin, ensureServerBuilt, repoRoot, startServerProcess, type ServerProcess } from '../helpers/server_process.js';
import { tileMarkers, tilePathFrom } from '../helpers/tile_markers.js';
import { childPids, isRunning, until } from '../helpers/process_tree.js';

/** Points per build: with the zone polygon down to z14 a build takes about a second and writes for ~100 ms. */
const POINTS = 300;
const REPUBLISHES = 10;
/** Before which republishes a build is started and killed with SIGKILL while its staging archive is being written. */
const KILL_BEFORE = new Set([2, 5, 8]);
const WORKERS = 4;
/** Tiles each worker asks for per TileJSON it reads, as a map client does between two style reloads. */
const TILES_PER_TILEJSON = 6;

interface Observation {
  readonly version: string;
  readonly path: string;
  readonly status?: number;
  readonly error?: string;
  readonly markers?: readonly string[];
  /** For a 404: whether the version's archive had already been pruned from disk when the answer arrived. */
  readonly pruned?: boolean;
}

let fixture: MarkerCatalogue | undefined;
let server: ServerProcess | undefined;

beforeAll(() => ensureServerBuilt(), 120_000);
afterAll(async () => {
  await server?.stop();
  if (fixture) await rm(fixture.dir, { recursive: true, force: true });
});

function get(url: string, pathname: string, agent: Agent): Promise<RawResponse> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path: pathname, agent, headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

async function sha256(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

/** Runs `safemap build --config` without blocking this process's event loop (the load generator shares it). */
function runBuild(catalog: string): { exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>; kill: () => void } {
  const child = spawn(process.execPath, [cliBin, 'build', '-q', '--config', catalog], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  // The command does its work in a child process of its own (malloc_thresholds.ts), which ends with it: the build is
  // over once both are.
  let workers: number[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    exit: exited.then(async (result) => {
      await until(() => workers.filter(isRunning), (running) => running.length === 0, 10_000);
      return { ...result, stderr };
    }),
    kill: () => {
      workers = childPids(child.pid!);
      child.kill('SIGKILL');
    },
  };
}

async function stagingLeftovers(tilesetDir: string): Promise<string[]> {
  const top = await readdir(tilesetDir);
  const versions = await readdir(path.join(tilesetDir, 'versions')).catch(() => [] as string[]);
  return [...top, ...versions.map((name) => `versions/${name}`)].filter((name) => name.includes('.staging-'));
}

/** Resolves once a staging archive of a build exists in the tile set folder; fs.watch sees it the moment it appears. */
function stagingAppears(tilesetDir: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (found: boolean) => {
      if (done) return;
      done = true;
      watcher.close();
      clearInterval(poll);
      clearTimeout(timer);
      resolve(found);
    };
    const check = () => void readdir(tilesetDir).then((names) => names.some((name) => /^\.archive\.pmtiles\.staging-/.test(name)) && finish(true), () => {});
    const watcher = watch(tilesetDir, (_event, name) => {
      if (name && /^\.archive\.pmtiles\.staging-/.test(String(name))) finish(true);
    });
    const poll = setInterval(check, 20);
    const timer = setTimeout(() => finish(false), timeoutMs);
    check();
  });
}

/** Continuous tile traffic from a few clients, each re-reading the TileJSON and following the URLs it hands out. */
function startLoad(url: string, tilesetDir: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: WORKERS * 2 });
  const tiles = tilesInRegion(3);
  const observations: Observation[] = [];
  const tileJsonFailures: string[] = [];
  let stopped = false;
  const worker = async (w: number) => {
    for (let round = 0; !stopped; round++) {
      let tileJson: { tiles: string[]; 'safemap:version': string };
      try {
        const response = await get(url, '/tiles/town.json', agent);
        if (response.status !== 200) {
          tileJsonFailures.push(`status ${response.status}`);
          continue;
        }
        tileJson = JSON.parse(response.body.toString('utf8'));
      } catch (error) {
        tileJsonFailures.push((error as Error).message);
        continue;
      }
      const version = tileJson['safemap:version'];
      const template = tileJson.tiles[0]!;
      if (!template.includes(`/tiles/town@${version}/`)) tileJsonFailures.push(`TileJSON of ${version} hands out ${template}`);
      for (let k = 0; k < TILES_PER_TILEJSON && !stopped; k++) {
        const { z, x, y } = tiles[(round * TILES_PER_TILEJSON + k + w * 5) % tiles.length]!;
        const tilePath = tilePathFrom(template, z, x, y);
        try {
          const response = await get(url, tilePath, agent);
          if (response.status === 200) observations.push({ version, path: tilePath, status: 200, markers: tileMarkers(response, z, x, y) });
          else {
            const pruned = response.status === 404 ? !existsSync(path.join(tilesetDir, 'versions', `${version}.pmtiles`)) : undefined;
            observations.push({ version, path: tilePath, status: response.status, ...(pruned === undefined ? {} : { pruned }) });
          }
        } catch (error) {
          observations.push({ version, path: tilePath, error: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
        }
      }
    }
  };
  const running = Array.from({ length: WORKERS }, (_, w) => worker(w));
  return {
    observations,
    tileJsonFailures,
    async stop() {
      stopped = true;
      await Promise.all(running);
      agent.destroy();
    },
  };
}

describe('republishing under load (real server process, real CLI builds)', () => {
  it('10 republishes and 3 builds killed mid-write under continuous tile traffic: 0 errors, 0 mixed tiles, published version intact', async () => {
    fixture = await makeMarkerCatalogue(['town'], 3);
    const { catalog, tilesetDir, dir } = fixture;
    const markerOf = new Map<string, string>();
    let random = 11;
    const nextRandom = () => ((random = (random * 1664525 + 1013904223) >>> 0) / 2 ** 32);

    const publish = async (marker: string) => {
      await writeMarkedSources(dir, 'town', marker, POINTS);
      const before = await readPointer(tilesetDir);
      const served = before ? path.join(tilesetDir, before.archive) : undefined;
      const servedBefore = served ? { ino: (await stat(served)).ino, sha: await sha256(served) } : undefined;
      const { code, stderr } = await runBuild(catalog).exit;
      expect(code, `build ${marker}: ${stderr}`).toBe(0);
      const pointer = (await readPointer(tilesetDir))!;
      expect(pointer.version, `build ${marker} published a new version`).not.toBe(before?.version);
      markerOf.set(pointer.version, marker);
      // Publishing writes a new file and switches the pointer: the archive being served is never touched.
      if (served && servedBefore) {
        expect((await stat(served)).ino, `${marker}: inode of the archive served before`).toBe(servedBefore.ino);
        expect(await sha256(served), `${marker}: bytes of the archive served before`).toBe(servedBefore.sha);
      }
      expect(await stagingLeftovers(tilesetDir), `${marker}: staging files after a successful build`).toEqual([]);
      return pointer.version;
    };

    const servedNow = async (): Promise<{ version: string; markers: string[] }> => {
      const agent = new Agent({ keepAlive: false });
      try {
        const tileJson = JSON.parse((await get(server!.url, '/tiles/town.json', agent)).body.toString('utf8')) as { tiles: string[]; 'safemap:version': string };
        const { z, x, y } = tilesInRegion(1)[6]!;
        const response = await get(server!.url, tilePathFrom(tileJson.tiles[0]!, z, x, y), agent);
        expect(response.status).toBe(200);
        return { version: tileJson['safemap:version'], markers: tileMarkers(response, z, x, y) };
      } finally {
        agent.destroy();
      }
    };

    const waitUntilServed = async (version: string) => {
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        if ((await servedNow()).version === version) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // The server's own account of its reloads is what tells why it did not switch.
      const reloads = server!.output().split('\n').filter((line) => /reload|refused|serving the published|failed/.test(line)).slice(-12);
      throw new Error(`the server never switched to ${version}; its last reload lines:\n${reloads.join('\n')}`);
    };

    const killMidWrite = async (attempt: number) => {
      const pointerBytes = await readFile(path.join(tilesetDir, 'current.json'));
      const live = (await readPointer(tilesetDir))!;
      const archive = path.join(tilesetDir, live.archive);
      const archiveBefore = { ino: (await stat(archive)).ino, sha: await sha256(archive) };
      // A build that got through would publish this marker; it must never be seen anywhere.
      await writeMarkedSources(dir, 'town', `killed-${attempt}`, POINTS);
      const appeared = stagingAppears(tilesetDir, 30_000);
      const build = runBuild(catalog);
      expect(await appeared, `kill ${attempt}: the build reached its write step`).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(nextRandom() * 20)));
      build.kill();
      const { signal, code } = await build.exit;
      expect({ signal, code }, `kill ${attempt}: the build died of SIGKILL, not by finishing`).toEqual({ signal: 'SIGKILL', code: null });
      expect(await stagingLeftovers(tilesetDir), `kill ${attempt}: the kill landed while the staging archive existed`).not.toEqual([]);
      expect(await readFile(path.join(tilesetDir, 'current.json')), `kill ${attempt}: pointer bytes`).toEqual(pointerBytes);
      expect((await stat(archive)).ino, `kill ${attempt}: inode of the published archive`).toBe(archiveBefore.ino);
      expect(await sha256(archive), `kill ${attempt}: sha256 of the published archive`).toBe(archiveBefore.sha);
      const now = await servedNow();
      expect(now, `kill ${attempt}: the server still serves the published version`).toEqual({ version: live.version, markers: [markerOf.get(live.version)] });
    };

    const started = performance.now();
    const first = await publish('v0');
    server = await startServerProcess(catalog);
    await waitUntilServed(first);
    const load = startLoad(server.url, tilesetDir);
    const servedVersions: string[] = [first];
    try {
      for (let i = 1; i <= REPUBLISHES; i++) {
        if (KILL_BEFORE.has(i)) await killMidWrite(i);
        const version = await publish(`v${i}`);
        await waitUntilServed(version);
        servedVersions.push(version);
        // Let the clients fetch the new version's tiles for a moment before the next switch.
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      await load.stop();
    }
    const seconds = (performance.now() - started) / 1000;

    const { observations, tileJsonFailures } = load;
    expect(server.alive()).toBe(true);
    expect(tileJsonFailures).toEqual([]);
    const connectionErrors = observations.filter((o) => o.error !== undefined);
    expect(connectionErrors, 'connection errors').toEqual([]);
    // A 404 is acceptable only for a version the TileJSON no longer hands out AND whose archive was already pruned
    // (keep = 3, so two newer publications happened after the client read its TileJSON); anything else is an error.
    const failures = observations.filter((o) => o.status !== 200 && !(o.status === 404 && o.pruned === true));
    expect(failures, 'tile answers other than 200').toEqual([]);
    const tiles = observations.filter((o) => o.status === 200);
    const mixed = tiles.filter((o) => o.markers!.length !== 1);
    expect(mixed, 'tiles holding no marker or markers of several versions').toEqual([]);
    const wrong = tiles.filter((o) => o.markers![0] !== markerOf.get(o.version));
    expect(wrong, 'tiles whose marker is not the one of the version in their URL').toEqual([]);
    // The traffic really spanned the republishes: every published version was fetched by the clients.
    const seen = new Set(tiles.map((o) => o.version));
    expect(servedVersions.filter((version) => !seen.has(version)), 'published versions never fetched under load').toEqual([]);
    expect(tiles.length).toBeGreaterThan(500);
    expect([...markerOf.values()].some((marker) => marker.startsWith('killed'))).toBe(false);
    expect(server.output()).not.toMatch(/"level":50/);
    process.stderr.write(
      `republish under load: ${REPUBLISHES} republishes, ${KILL_BEFORE.size} kills, ${observations.length} tile requests ` +
        `(${tiles.length} × 200, ${observations.filter((o) => o.status === 404).length} × 404 of pruned versions), ` +
        `${seen.size} versions seen, ${seconds.toFixed(1)} s\n`,
    );
  }, 120_000);
});
