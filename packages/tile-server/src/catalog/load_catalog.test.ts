import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
    expect(message).toContain('tilesets[0].layers[0].colour: unknown key');
  });

  it('names the key path of a wrong value', () => {
    expect(problemsOf({ tilesets: [{ ...valid.tilesets[0], layers: [{ ...layer, maxzoom: 40 }] }] })).toContain('tilesets[0].layers[0].maxzoom');
    expect(problemsOf({ tilesets: [{ ...valid.tilesets[0], layers: [{ ...layer, geometry: 'blob' }] }] })).toContain('tilesets[0].layers[0].geometry');
    expect(problemsOf({ tilesets: [{ ...valid.tilesets[0], layers: [{ ...layer, minzoom: 9, maxzoom: 3 }] }] })).toContain(
      'tilesets[0].layers[0].minzoom: minzoom must not exceed maxzoom',
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
    await expect(loadCatalog(file)).rejects.toThrow(`${file}: not valid JSON`);
    await expect(loadCatalog(path.join(dir, 'missing.json'))).rejects.toThrow('cannot read the catalogue');
  });
});
