import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { loadCatalog, parseCatalog } from './load_catalog.js';

const layer = {
  id: 'shelters',
  title: { ko: '대피소', en: 'Shelters' },
  geometry: 'point',
  source: { path: 'shelters.csv' },
  properties: { name: 'string' },
  attribution: 'test',
};
const valid = { tilesets: [{ id: 'busan', title: { ko: '부산', en: 'Busan' }, layers: [layer] }] };

function problemsOf(json: unknown): string {
  try {
    parseCatalog(json, '/srv/catalog.json');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the catalogue to be refused');
}

describe('layer catalogue validation', () => {
  it('accepts a valid catalogue and fills defaults', () => {
    const catalog = parseCatalog(valid, 'catalog.json');
    expect(catalog.tilesets[0]!.layers[0]).toMatchObject({ minzoom: 0, maxzoom: 14, source: { encoding: 'auto', fields: {} } });
  });

  it('names the file and the key path of an unknown key', () => {
    const message = problemsOf({ tilesets: [{ ...valid.tilesets[0], layers: [{ ...layer, colour: '#fff' }] }] });
    expect(message).toContain('/srv/catalog.json');
    expect(message).toContain('tilesets[0].layers[0].colour (tile set busan, layer shelters): unknown key; did you mean "color"?');
  });

  it('names the key path of a wrong value', () => {
    expect(problemsOf({ tilesets: [{ ...valid.tilesets[0], layers: [{ ...layer, maxzoom: 40 }] }] })).toContain('tilesets[0].layers[0].maxzoom');
    expect(problemsOf({ tilesets: [{ ...valid.tilesets[0], layers: [{ ...layer, geometry: 'blob' }] }] })).toContain('tilesets[0].layers[0].geometry');
    expect(problemsOf({ tilesets: [{ ...valid.tilesets[0], layers: [{ ...layer, minzoom: 9, maxzoom: 3 }] }] })).toContain(
      'tilesets[0].layers[0].minzoom (tile set busan, layer shelters): minzoom must not exceed maxzoom',
    );
  });

  it('refuses duplicate layer ids and a missing allow-list', () => {
    expect(problemsOf({ tilesets: [{ ...valid.tilesets[0], layers: [layer, layer] }] })).toContain('layer ids must be unique');
    const { properties: _omitted, ...withoutAllowList } = layer;
    expect(problemsOf({ tilesets: [{ ...valid.tilesets[0], layers: [withoutAllowList] }] })).toContain('tilesets[0].layers[0].properties');
  });

  it('reports unreadable and non-JSON files with their path', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'safemap-catalog-'));
    const file = path.join(dir, 'catalog.json');
    writeFileSync(file, '{ not json');
    await expect(loadCatalog(file)).rejects.toThrow(`${file}:1:3: not valid JSON`);
    await expect(loadCatalog(path.join(dir, 'missing.json'))).rejects.toThrow('cannot read the catalogue');
  });

  it('accepts Korean property names and keeps the rule in the message when a name is refused', () => {
    const korean = { ...layer, properties: { 시설명: 'string', 설치연도: 'number' } };
    expect(Object.keys(parseCatalog({ tilesets: [{ ...valid.tilesets[0], layers: [korean] }] }, 'c.json').tilesets[0]!.layers[0]!.properties)).toEqual(['시설명', '설치연도']);
    const message = problemsOf({ tilesets: [{ ...valid.tilesets[0], layers: [{ ...layer, properties: { '시설 명': 'string' } }] }] });
    expect(message).toContain('tilesets[0].layers[0].properties["시설 명"] (tile set busan, layer shelters): must be an identifier');
    expect(message).not.toContain('Invalid key in record');
  });

  it('turns per-property labels into a labels map beside the unchanged name → type allow-list', () => {
    const labelled = { ...layer, properties: { name: 'string', 설치연도: { type: 'number', label: { ko: '설치연도', en: 'Installed' } } } };
    const parsed = parseCatalog({ tilesets: [{ ...valid.tilesets[0], layers: [labelled] }] }, 'c.json').tilesets[0]!.layers[0]!;
    expect(parsed.properties).toEqual({ name: 'string', 설치연도: 'number' });
    expect(parsed.labels).toEqual({ 설치연도: { ko: '설치연도', en: 'Installed' } });
    expect(parseCatalog(valid, 'c.json').tilesets[0]!.layers[0]).not.toHaveProperty('labels');
  });

  it('normalises property names to NFC so a catalogue saved in NFD still matches NFC headers', () => {
    const nfd = '설치연도'.normalize('NFD');
    const parsed = parseCatalog({ tilesets: [{ ...valid.tilesets[0], layers: [{ ...layer, properties: { [nfd]: 'number' } }] }] }, 'c.json');
    expect(Object.keys(parsed.tilesets[0]!.layers[0]!.properties)).toEqual(['설치연도'.normalize('NFC')]);
  });

  it('suggests the nearest key for a misspelt one', () => {
    const { attribution, ...rest } = layer;
    const message = problemsOf({ tilesets: [{ ...valid.tilesets[0], layers: [{ ...rest, attributon: attribution }] }] });
    expect(message).toContain('tilesets[0].layers[0].attributon (tile set busan, layer shelters): unknown key; did you mean "attribution"?');
    expect(problemsOf({ ...valid, tileset: [] })).toContain('tileset: unknown key; did you mean "tilesets"?');
    const source = problemsOf({ tilesets: [{ ...valid.tilesets[0], layers: [{ ...layer, source: { path: 'a.csv', colums: { lat: 'y' } } }] }] });
    expect(source).toContain('tilesets[0].layers[0].source.colums (tile set busan, layer shelters): unknown key; did you mean "columns"?');
  });

  it('says what a wrong value should be, with the nearest allowed one', () => {
    const withProperty = (spec: unknown) => ({ tilesets: [{ ...valid.tilesets[0], layers: [{ ...layer, properties: { 설치연도: spec } }] }] });
    expect(problemsOf(withProperty('numbr'))).toContain('tilesets[0].layers[0].properties.설치연도 (tile set busan, layer shelters): expected one of "string"|"number"|"boolean", or expected object; did you mean "number"?');
    expect(problemsOf(withProperty({ type: 'nubmer' }))).toContain('properties.설치연도.type (tile set busan, layer shelters): Invalid option: expected one of "string"|"number"|"boolean"; did you mean "number"?');
    expect(problemsOf(withProperty({ type: 'number', lable: { ko: '설치연도', en: 'Installed' } }))).toContain('properties.설치연도.lable (tile set busan, layer shelters): unknown key; did you mean "label"?');
    expect(problemsOf({ tilesets: [{ ...valid.tilesets[0], layers: [{ ...layer, geometry: 'points' }] }] })).toContain('did you mean "point"?');
    expect(() => parseCatalog(withProperty('string'), 'c.json')).not.toThrow();
  });

  it('refuses a fields entry that no published property uses', () => {
    const message = problemsOf({ tilesets: [{ ...valid.tilesets[0], layers: [{ ...layer, source: { path: 'a.csv', fields: { nmae: '시설명' } } }] }] });
    expect(message).toContain('tilesets[0].layers[0].source.fields.nmae (tile set busan, layer shelters): "nmae" is not a published property');
  });
});

describe('catalogue text', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'safemap-catalog-text-'));
  const write = (name: string, bytes: string | Uint8Array) => {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };
  const korean = JSON.stringify({ tilesets: [{ ...valid.tilesets[0], layers: [{ ...layer, properties: { 시설명: 'string' } }] }] }, null, 2);

  it('accepts UTF-8 with a BOM, as Notepad saves it', async () => {
    const loaded = await loadCatalog(write('bom.json', `\uFEFF${korean}`));
    expect(Object.keys(loaded.catalog.tilesets[0]!.layers[0]!.properties)).toEqual(['시설명']);
  });

  it('refuses a CP949 catalogue, naming the file and the encoding', async () => {
    const file = write('cp949.json', iconv.encode(korean, 'cp949'));
    await expect(loadCatalog(file)).rejects.toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: the catalogue is saved as CP949 \\(EUC-KR\\) \\(first non-UTF-8 byte at line \\d+, column \\d+\\), not UTF-8`));
    await expect(loadCatalog(write('utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(korean, 'utf16le')])))).rejects.toThrow('saved as UTF-16 LE');
  });

  it('reports a trailing comma as file:line:column with the line and a caret', async () => {
    const file = write('comma.json', '{\n  "tilesets": [\n    { "id": "a" },\n  ]\n}\n');
    const error = await loadCatalog(file).catch((caught: Error) => caught);
    expect((error as Error).message).toBe(
      `${file}:4:3: not valid JSON: Unexpected token ']' (a comma before "]": JSON allows no trailing comma; remove it)\n  4 |   ]\n    |   ^`,
    );
  });

  it('reports a truncated file and a missing comma with their place', async () => {
    const truncated = write('truncated.json', korean.slice(0, 120));
    await expect(loadCatalog(truncated)).rejects.toThrow(/:\d+:\d+: not valid JSON: .*the file ends early/);
    const missing = write('missing.json', '{\n  "publish": { "dir": "t" }\n  "tilesets": []\n}');
    await expect(loadCatalog(missing)).rejects.toThrow(`${missing}:3:3: not valid JSON`);
    await expect(loadCatalog(missing)).rejects.toThrow('a comma is missing before this');
  });
});
