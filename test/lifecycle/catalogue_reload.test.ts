import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliBin, ensureServerBuilt, repoRoot, serverBin, startServerProcess, type ServerProcess } from '../helpers/server_process.js';
import { httpGet } from '../helpers/http_get.js';
import { until } from '../helpers/process_tree.js';
import { AGENCY_KEY, AGENCY_ORIGIN, createSecurityFixture } from '../security/security_fixture.js';

/**
 * An officer edits the live catalogue: revoking a key, taking a property off the allow-list, saving a broken file.
 * A real `safemap serve` process applies each edit within 2 s by itself, and at once with `safemap reload`.
 */
const fixture = createSecurityFixture();
// Servers of this test register here, not in the machine's shared folder.
const runDir = mkdtempSync(path.join(tmpdir(), 'safemap-run-'));
const env = { SAFEMAP_RUN_DIR: runDir };
let server: ServerProcess;
const original = readFileSync(fixture.catalogPath, 'utf8');

type CatalogJson = { apiKeys: Array<{ id: string }>; tilesets: Array<{ title: { ko: string }; layers: Array<{ id: string; properties: Record<string, string> }> }> };
function editCatalog(edit: (catalog: CatalogJson) => void): void {
  const catalog = JSON.parse(readFileSync(fixture.catalogPath, 'utf8')) as CatalogJson;
  edit(catalog);
  writeFileSync(fixture.catalogPath, JSON.stringify(catalog, null, 2));
}

const restrictedTileJson = () => httpGet(server.url, '/restricted/tiles/city.json', { 'X-SafeMap-Key': AGENCY_KEY, Origin: AGENCY_ORIGIN });

/** Polls until `check` holds; resolves with the seconds it took, or fails after `limitMs`. */
async function secondsUntil(check: () => Promise<boolean>, limitMs: number): Promise<number> {
  const started = performance.now();
  if (!(await until(check, Boolean, limitMs))) throw new Error(`not within ${limitMs} ms`);
  return (performance.now() - started) / 1000;
}

function reload(): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cliBin, 'reload', '--config', fixture.catalogPath, '--server', server.url, '--wait', '5'], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  ensureServerBuilt();
  server = await startServerProcess(fixture.catalogPath, [], env, 60_000);
  // Ready: every tile set built, so the edits below are timed against a settled server.
  await secondsUntil(async () => (await httpGet(server.url, '/readyz')).status === 200, 60_000);
}, 90_000);
afterAll(async () => {
  await server?.stop();
});

describe('an edited catalogue is applied without a restart', () => {
  it('serve refuses to start without --config, naming the demo catalogue and npm start', () => {
    const result = spawnSync(process.execPath, [serverBin, '--port', '0'], { cwd: repoRoot, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--config CATALOGUE is required');
    expect(result.stderr).toContain('npm start');
  });

  it('a revoked key stops working within 2 s of saving the catalogue, with no command run', async () => {
    writeFileSync(fixture.catalogPath, original);
    await secondsUntil(async () => (await restrictedTileJson()).status === 200, 5_000);
    editCatalog((catalog) => (catalog.apiKeys = catalog.apiKeys.filter((key) => key.id !== 'agency')));
    const seconds = await secondsUntil(async () => (await restrictedTileJson()).status !== 200, 2_000);
    expect(seconds).toBeLessThan(2);
    expect([401, 403]).toContain((await restrictedTileJson()).status);
    expect(server.alive()).toBe(true);
  });

  it('safemap reload applies a restored key at once and confirms it from /readyz', async () => {
    writeFileSync(fixture.catalogPath, original);
    const result = reload();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/asked server \d+ on this machine to reload/);
    expect(result.stdout).toMatch(/serves this catalogue \(confirmed after [\d.]+ s\)/);
    expect((await restrictedTileJson()).status).toBe(200);
    const ready = JSON.parse((await httpGet(server.url, '/readyz')).body.toString('utf8')) as { catalog: string };
    expect(result.stdout).toContain(`revision ${ready.catalog}`);
  });

  it('a broken catalogue is refused by reload, nothing is sent, and the server keeps the one it has', async () => {
    writeFileSync(fixture.catalogPath, original);
    await secondsUntil(async () => (await restrictedTileJson()).status === 200, 5_000);
    writeFileSync(fixture.catalogPath, original.replace('"apiKeys"', '"apiKeyz"'));
    const result = reload();
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('apiKeyz');
    expect(result.stderr).toContain('apiKeys');
    expect(result.stderr).toContain('Nothing was sent');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(server.alive()).toBe(true);
    expect((await restrictedTileJson()).status).toBe(200);
    expect(server.output()).toContain('reloading failed; still serving the previous catalogue');
  });

  it('a property taken off the allow-list leaves the public answers within 2 s, and the page follows the new title', async () => {
    writeFileSync(fixture.catalogPath, original);
    await secondsUntil(async () => (await httpGet(server.url, '/tiles/city/features/shelters/0')).status === 200, 5_000);
    const before = JSON.parse((await httpGet(server.url, '/tiles/city/features/shelters/0')).body.toString('utf8')) as { properties: Record<string, unknown> };
    expect(before.properties).toHaveProperty('name');
    editCatalog((catalog) => {
      catalog.tilesets[0]!.title.ko = '새 도시 안전지도';
      const shelters = catalog.tilesets[0]!.layers.find((layer) => layer.id === 'shelters')!;
      shelters.properties = {};
    });
    // Either the tile set answers 503 while the new configuration builds, or it answers without the property.
    const withdrawn = async () => {
      const response = await httpGet(server.url, '/tiles/city/features/shelters/0');
      if (response.status === 503) return true;
      return response.status === 200 && !('name' in (JSON.parse(response.body.toString('utf8')) as { properties: object }).properties);
    };
    expect(await secondsUntil(withdrawn, 2_000)).toBeLessThan(2);
    const page = (await httpGet(server.url, '/')).body.toString('utf8');
    expect(page).toContain('새 도시 안전지도');
    // The rebuilt version serves again, without the withdrawn property.
    await secondsUntil(async () => (await httpGet(server.url, '/tiles/city/features/shelters/0')).status === 200, 30_000);
    const after = JSON.parse((await httpGet(server.url, '/tiles/city/features/shelters/0')).body.toString('utf8')) as { properties: Record<string, unknown> };
    expect(after.properties).not.toHaveProperty('name');
  }, 40_000);
});

describe('SIGHUP with --workers', () => {
  it('the primary stays up and every worker reloads', async () => {
    const own = createSecurityFixture();
    const workers = await startServerProcess(own.catalogPath, ['--workers', '2'], env, 90_000);
    try {
      await secondsUntil(async () => /with 2 workers/.test(workers.output()), 90_000);
      workers.child.kill('SIGHUP');
      // Each process writes its log in batches, at the latest every half second.
      await secondsUntil(async () => (workers.output().match(/"msg":"reloading the catalogue"/g) ?? []).length === 2, 5_000);
      await secondsUntil(async () => workers.output().includes('reloading the catalogue in every worker'), 2_000);
      expect(workers.alive()).toBe(true);
      expect((await httpGet(workers.url, '/readyz')).status).toBe(200);
    } finally {
      await workers.stop();
    }
  }, 120_000);
});
