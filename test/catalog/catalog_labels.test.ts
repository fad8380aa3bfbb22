import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../packages/tile-server/src/index.js';
import { startTestServer } from '../helpers/start_test_server.js';

const csv = ['시설명,위도,경도,설치연도,비공개메모', '해운대초등학교,35.1631,129.1635,2018,내부용', '우동주민센터,35.1665,129.1570,2019,내부용'].join('\n');

const catalogue = {
  tilesets: [
    {
      id: 'haeundae',
      title: { ko: '해운대구', en: 'Haeundae-gu' },
      layers: [
        {
          id: 'shelters',
          title: { ko: '대피소', en: 'Shelters' },
          geometry: 'point',
          source: { path: 'shelters.csv' },
          properties: { 시설명: 'string', 설치연도: { type: 'number', label: { ko: '설치연도', en: 'Installed' } } },
          attribution: '해운대구',
        },
        {
          id: 'plain',
          title: { ko: '일반', en: 'Plain' },
          geometry: 'point',
          source: { path: 'shelters.csv' },
          properties: { 시설명: 'string' },
          attribution: '해운대구',
        },
      ],
    },
  ],
};

describe('Korean property names and labels, as residents receive them', () => {
  let dir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'safemap-labels-'));
    await writeFile(path.join(dir, 'shelters.csv'), csv);
    await writeFile(path.join(dir, 'catalog.json'), JSON.stringify(catalogue));
    server = await startTestServer(path.join(dir, 'catalog.json'));
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes labels beside the property list in /catalog, only for layers that have them', async () => {
    const body = await (await fetch(`${server.url}/catalog`)).json();
    const [shelters, plain] = body.tilesets[0].layers;
    expect(shelters.properties).toEqual(['시설명', '설치연도']);
    expect(shelters.labels).toEqual({ 설치연도: { ko: '설치연도', en: 'Installed' } });
    expect(plain.properties).toEqual(['시설명']);
    expect(plain).not.toHaveProperty('labels');
  });

  it('serves features under their Korean names, typed, and nothing off the allow-list', async () => {
    const response = await fetch(`${server.url}/tiles/haeundae/features?bbox=129.1,35.1,129.2,35.2&layer=shelters`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain('비공개메모');
    expect(text).not.toContain('내부용');
    const properties = JSON.parse(text).features.map((feature: { properties: Record<string, unknown> }) => feature.properties);
    expect(properties).toEqual(expect.arrayContaining([expect.objectContaining({ 시설명: '해운대초등학교', 설치연도: 2018 })]));
  });
});
