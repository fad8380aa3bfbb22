import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCommand } from '../../packages/tile-server/src/cli/build_command.js';
import { exitCodes } from '../../packages/tile-server/src/cli/exit_codes.js';
import { validateCommand } from '../../packages/tile-server/src/cli/validate_command.js';

const root = path.join(import.meta.dirname, '..', '..');
const launcher = path.join(root, 'packages', 'tile-server', 'bin', 'safemap.js');

/** A district's shelters as a portal exports them: Korean headers, phone numbers with dashes, one row without a place. */
const sheltersCsv = [
  '시설명,위도,경도,전화번호,설치연도,수용인원',
  '해운대초등학교,35.1631,129.1635,051-749-4000,2018,500',
  '우동주민센터,35.1665,129.1570,051-749-5000,2019,120',
  '중동경로당,35.1625,129.1700,051-749-6000,미상,40',
  '좌동체육관,,,051-749-7000,2020,800',
].join('\n');

const bellsGeojson = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', geometry: { type: 'Point', coordinates: [129.16, 35.165] }, properties: { 설치장소: '해운대역 1번 출구' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [129.17, 35.16] }, properties: { 설치장소: '동백섬 입구' } },
  ],
});

interface LayerOverrides {
  properties?: Record<string, unknown>;
  source?: Record<string, unknown>;
}

function catalogue(shelters: LayerOverrides = {}): object {
  return {
    publish: { dir: 'tiles' },
    tilesets: [
      {
        id: 'haeundae',
        title: { ko: '해운대구 안전지도', en: 'Haeundae-gu Safety Map' },
        bounds: [129.07, 35.14, 129.24, 35.25],
        layers: [
          {
            id: 'shelters',
            title: { ko: '대피소', en: 'Shelters' },
            geometry: 'point',
            source: { path: 'shelters.csv', columns: { lat: '위도', lon: '경도' }, ...shelters.source },
            properties: shelters.properties ?? { 시설명: 'string', 설치연도: { type: 'number', label: { ko: '설치연도', en: 'Installed' } } },
            attribution: '해운대구',
          },
          {
            id: 'bells',
            title: { ko: '비상벨', en: 'Emergency bells' },
            geometry: 'point',
            source: { path: 'bells.geojson' },
            properties: { 설치장소: 'string' },
            attribution: '해운대구',
          },
        ],
      },
    ],
  };
}

async function run(command: typeof validateCommand, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await command(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

describe('safemap validate --config', () => {
  let dir: string;
  const write = async (name: string, json: object) => {
    const file = path.join(dir, name);
    await writeFile(file, JSON.stringify(json, null, 2));
    return file;
  };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'safemap-validate-catalog-'));
    await writeFile(path.join(dir, 'shelters.csv'), sheltersCsv);
    await writeFile(path.join(dir, 'bells.geojson'), bellsGeojson);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports per layer rows, features and quarantined rows with their first reasons, and exits 0 on warnings only', async () => {
    const file = await write('ok.json', catalogue());
    const { code, stdout } = await run(validateCommand, ['--config', file]);
    expect(stdout).toContain('tile set haeundae (nothing published yet)');
    expect(stdout).toContain('  layer shelters  tilesets[0].layers[0]  shelters.csv\n    rows 4 · features 3 · quarantined 1');
    expect(stdout).toMatch(/quarantined missing-coordinates ×1\n {6}shelters\.csv:5: /);
    expect(stdout).toContain('  layer bells  tilesets[0].layers[1]  bells.geojson\n    rows 2 · features 2 · quarantined 0');
    // 미상 ("unknown") in a number column is dropped from that feature: a counted warning, not a silent drop.
    expect(stdout).toContain('warning tilesets[0].layers[0].properties.설치연도: declared number, but 1 of 3 values are not numbers and are left out (e.g. "미상"); declare it "string"');
    expect(code).toBe(exitCodes.ok);
  });

  it('names the catalogue key, not a command-line flag, for a wrong coordinate column', async () => {
    const file = await write('lat.json', catalogue({ source: { columns: { lat: 'WGS84위도', lon: '경도' } } }));
    const { code, stdout } = await run(validateCommand, ['--config', file]);
    expect(stdout).toContain(`catalogue ${file}`);
    expect(stdout).toContain('error   tilesets[0].layers[0].source.columns.lat: column "WGS84위도" not found in shelters.csv; did you mean "위도"?');
    expect(stdout).not.toContain('--lat');
    expect(code).toBe(exitCodes.dataInvalid);
  });

  it('makes a fields entry or an allow-listed property naming a missing column an error', async () => {
    const file = await write('fields.json', catalogue({
      properties: { 시설명: 'string', phone: 'string', 수용: 'number' },
      source: { fields: { phone: '전화 번호' } },
    }));
    const { code, stdout } = await run(validateCommand, ['--config', file]);
    expect(stdout).toContain('error   tilesets[0].layers[0].source.fields.phone: column "전화 번호" not found in shelters.csv; did you mean "전화번호"?');
    expect(stdout).toContain('error   tilesets[0].layers[0].properties.수용: property "수용" not found in shelters.csv');
    expect(stdout).toContain('Map it to a source column with source.fields.수용.');
    expect(code).toBe(exitCodes.dataInvalid);
  });

  it('counts a phone column declared number as an error with the type the data suggests', async () => {
    const file = await write('phone.json', catalogue({ properties: { 시설명: 'string', phone: 'number' }, source: { fields: { phone: '전화번호' } } }));
    const { code, stdout } = await run(validateCommand, ['--config', file, '--json']);
    const report = JSON.parse(stdout);
    const finding = report.tilesets[0].layers[0].findings[0];
    expect(finding).toMatchObject({ severity: 'error', kind: 'type-mismatch', key: 'tilesets[0].layers[0].properties.phone', rows: 3, suggestedType: 'string' });
    expect(finding.examples).toEqual(['051-749-4000', '051-749-5000', '051-749-6000']);
    expect(report).toMatchObject({ clean: false, errors: 1, catalogue: file });
    expect(code).toBe(exitCodes.dataInvalid);
  });

  it('compares with the live version per layer, and builds nothing itself', async () => {
    const file = await write('live.json', catalogue());
    expect((await run(buildCommand as typeof validateCommand, ['-q', '--config', file])).code).toBe(exitCodes.ok);
    const pointer = await readFile(path.join(dir, 'tiles', 'haeundae', 'current.json'), 'utf8');
    await writeFile(
      path.join(dir, 'shelters.csv'),
      `${sheltersCsv}\n신설대피소,35.17,129.18,051-749-8000,2024,60\n송정대피소,35.18,129.2,051-749-9000,2025,90`,
    );
    const { code, stdout } = await run(validateCommand, ['--config', file, '--json']);
    await writeFile(path.join(dir, 'shelters.csv'), sheltersCsv);
    const report = JSON.parse(stdout);
    expect(report.tilesets[0].live.version).toBe(JSON.parse(pointer).version);
    expect(report.tilesets[0].layers.map((layer: { layer: string; features: number; live: number; change: number }) => [layer.layer, layer.features, layer.live, layer.change])).toEqual([
      ['shelters', 5, 3, 2],
      ['bells', 2, 2, 0],
    ]);
    expect(await readFile(path.join(dir, 'tiles', 'haeundae', 'current.json'), 'utf8')).toBe(pointer);
    expect(code).toBe(exitCodes.ok);
  });

  it('refuses projected metres with no source.crs at that key, with the likely systems, instead of guessing', async () => {
    // LOCALDATA-style metres (EPSG:5174) and no CRS anywhere: the catalogue never assumes degrees for metres.
    await writeFile(path.join(dir, 'metres.csv'), '시설명,좌표정보(x),좌표정보(y)\n해운대,396152.6,186394.9\n우동,395520.3,186764.1\n');
    const file = await write('crs.json', catalogue({ source: { path: 'metres.csv', columns: { x: '좌표정보(x)', y: '좌표정보(y)' } }, properties: { 시설명: 'string' } }));
    const { code, stdout } = await run(validateCommand, ['--config', file]);
    expect(stdout).toContain('error   tilesets[0].layers[0].source.crs: ');
    expect(stdout).toMatch(/projected metres .* refusing to guess\. \d coordinate systems place them plausibly .*most plausible first:\n\s+source\.crs "EPSG:5174" /);
    expect(code).toBe(exitCodes.crsRequired);
  });

  it('exits 3 naming the catalogue for a misspelt key, and 2 for an unknown tile set', async () => {
    const broken = catalogue() as { tilesets: Array<{ layers: Array<Record<string, unknown>> }> };
    const { attribution, ...rest } = broken.tilesets[0]!.layers[0]!;
    broken.tilesets[0]!.layers[0] = { ...rest, attributon: attribution };
    const file = await write('typo.json', broken);
    const typo = await run(validateCommand, ['--config', file]);
    expect(typo.code).toBe(exitCodes.catalogInvalid);
    expect(typo.stderr).toContain(`${file}: invalid catalogue`);
    expect(typo.stderr).toContain('tilesets[0].layers[0].attributon (tile set haeundae, layer shelters): unknown key; did you mean "attribution"?');
    const unknown = await run(validateCommand, ['--config', await write('ok2.json', catalogue()), 'gangnam']);
    expect(unknown.code).toBe(exitCodes.usage);
    expect(unknown.stderr).toContain('no tile set named gangnam');
  });

  it('runs from the installed command line', async () => {
    const file = await write('cli.json', catalogue({ source: { columns: { lat: '위도', lon: 'lng' } } }));
    const result = await promisify(execFile)(process.execPath, [launcher, 'validate', '-c', file]).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(result.code).toBe(exitCodes.dataInvalid);
    expect(result.stdout).toContain('tilesets[0].layers[0].source.columns.lon: column "lng" not found in shelters.csv');
  });
});
