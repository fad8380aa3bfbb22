import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpGet } from '../helpers/http_get.js';
import { until } from '../helpers/process_tree.js';
import { ensureServerBuilt, startServerProcess, type ServerProcess } from '../helpers/server_process.js';
import { createSecurityFixture } from '../security/security_fixture.js';

/** Log lines of the primary and its workers with this message, as objects. */
function logged(server: ServerProcess, message: string): Array<{ tileset?: string; configuration?: string }> {
  return server
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes(message))
    .map((line) => JSON.parse(line) as { tileset?: string; configuration?: string });
}

/** The tile URL templates of the city TileJSON, as 20 requests spread over both workers see them. */
async function cityTiles(server: ServerProcess): Promise<Set<string>> {
  const answers = await Promise.all(Array.from({ length: 20 }, () => httpGet(server.url, '/tiles/city.json')));
  expect(answers.every((answer) => answer.status === 200)).toBe(true);
  return new Set(answers.map((answer) => (JSON.parse(answer.body.toString()) as { tiles: string[] }).tiles[0]!));
}

describe('safemap serve --workers with nothing published', () => {
  const fixture = createSecurityFixture();
  let server: ServerProcess;

  beforeAll(async () => {
    ensureServerBuilt();
    server = await startServerProcess(fixture.catalogPath, ['--workers', '2'], {}, 90_000);
    await until(() => /with 2 workers/.test(server.output()), Boolean);
  }, 120_000);
  afterAll(async () => {
    if (server?.alive()) await server.stop();
  });

  it('builds each tile set once, in the primary, and both workers serve that one version', async () => {
    // The primary builds one configuration at a time, and logs each build as it starts: the last may start after the
    // workers listen.
    const configurationsAsked = () => new Set(logged(server, 'asking for a build').map((line) => line.configuration)).size;
    await until(() => logged(server, 'building it once for every worker').length, (count) => count > 0 && count >= configurationsAsked(), 60_000);
    const asks = logged(server, 'asking for a build');
    const builds = logged(server, 'building it once for every worker');
    // Both workers asked for every configuration (the public tile set and its restricted layers); the primary built
    // each one once.
    const configurations = [...new Set(asks.map((line) => line.configuration))].sort();
    expect(configurations.length).toBeGreaterThan(0);
    expect(asks.map((line) => line.tileset)).toContain('city');
    expect(asks).toHaveLength(2 * configurations.length);
    expect(builds.map((line) => line.configuration).sort()).toEqual(configurations);
    expect((await cityTiles(server)).size).toBe(1);
  });

  it('rebuilds once when a source changes, and both workers move to the new version', async () => {
    const before = [...(await cityTiles(server))][0]!;
    const buildsBefore = logged(server, 'building it once for every worker').length;
    const asksBefore = logged(server, 'asking for a build').length;
    appendFileSync(path.join(path.dirname(fixture.catalogPath), 'data', 'shelters.csv'), 'shelter 40,added,35.141,129.071\n');
    const after = await until(() => cityTiles(server), (tiles) => tiles.size === 1 && !tiles.has(before), 30_000);
    expect(after.size).toBe(1);
    // Give a second, late build the time it would take to show, then count.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    // Each configuration fed by the shelters was asked for again by both workers, and built once more.
    const asks = logged(server, 'asking for a build').slice(asksBefore);
    const builds = logged(server, 'building it once for every worker').slice(buildsBefore);
    expect(builds.length).toBeGreaterThan(0);
    expect(asks).toHaveLength(2 * builds.length);
    expect(builds.map((line) => line.configuration).sort()).toEqual([...new Set(asks.map((line) => line.configuration))].sort());
  }, 60_000);

  it('stops cleanly', async () => {
    expect(await server.stop()).toBe(0);
  });
});
