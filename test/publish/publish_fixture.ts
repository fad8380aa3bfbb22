import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A temporary catalogue with one point layer read from `bells.csv`, publishing into `published/`. */
export async function makeCatalogue(keep = 2): Promise<{ dir: string; catalog: string; csv: string; tilesetDir: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'safemap-publish-'));
  const catalog = path.join(dir, 'catalog.json');
  await writeFile(
    catalog,
    JSON.stringify({
      publish: { dir: 'published', keep },
      tilesets: [
        {
          id: 'town',
          title: { ko: '마을', en: 'Town' },
          layers: [
            {
              id: 'bells',
              title: { ko: '안전비상벨', en: 'Emergency bells' },
              geometry: 'point',
              source: { path: 'bells.csv', columns: { lat: 'lat', lon: 'lon' } },
              minzoom: 0,
              maxzoom: 14,
              properties: { name: 'string' },
              attribution: 'test data',
            },
          ],
        },
      ],
    }),
  );
  return { dir, catalog, csv: path.join(dir, 'bells.csv'), tilesetDir: path.join(dir, 'published', 'town') };
}

/** Seeded bells around Busan; `label` goes into every name so two versions are told apart by content. */
export async function writeBells(csv: string, count: number, label: string): Promise<void> {
  let state = 17;
  const random = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const rows = ['name,lat,lon', `${label} 0,35.18,129.075`];
  for (let i = 1; i < count; i++) rows.push(`${label} ${i},${(35.15 + random() * 0.15).toFixed(6)},${(128.95 + random() * 0.17).toFixed(6)}`);
  await writeFile(csv, `${rows.join('\n')}\n`);
}

/** The z14 tile holding the first bell (35.18, 129.075). */
export const FIRST_BELL_TILE = (() => {
  const z = 14;
  const n = 2 ** z;
  const lat = (35.18 * Math.PI) / 180;
  return { z, x: Math.floor(((129.075 + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n) };
})();
