import { describe, expect, it } from 'vitest';
import { parseTilePath } from './tile_path.js';

describe('parseTilePath', () => {
  it('reads tile URLs with and without a version or a query', () => {
    expect(parseTilePath('/tiles/busan/12/3516/1621.mvt', '/tiles/')).toEqual({ id: 'busan', version: undefined, z: '12', x: '3516', y: '1621' });
    expect(parseTilePath('/tiles/cctv_2-b@0fa3/0/0/0.mvt?key=x/y', '/tiles/')).toEqual({ id: 'cctv_2-b', version: '0fa3', z: '0', x: '0', y: '0' });
    expect(parseTilePath('/restricted/tiles/staff/1/2/3.mvt', '/restricted/tiles/')).toMatchObject({ id: 'staff', z: '1', x: '2', y: '3' });
    // z/x/y are read as sent: the endpoint answers a bad one with a 400 that says why.
    expect(parseTilePath('/tiles/a//-1/x.y.mvt', '/tiles/')).toEqual({ id: 'a', version: undefined, z: '', x: '-1', y: 'x.y' });
  });

  it.each([
    '/tiles/Busan/1/2/3.mvt',
    '/tiles/1busan/1/2/3.mvt',
    `/tiles/${'a'.repeat(65)}/1/2/3.mvt`,
    `/tiles/a@${'f'.repeat(65)}/1/2/3.mvt`,
    '/tiles/a@/1/2/3.mvt',
    '/tiles/a@ABC/1/2/3.mvt',
    '/tiles/a/1/2/3.pbf',
    '/tiles/a/1/2/3/4.mvt',
    '/tiles/a/1/2.mvt',
    '/tiles/a/1/2/3.mvt/',
    '/tiles/a/1/2/3.mv?.mvt',
    '/tilesa/1/2/3.mvt',
    '/tiles/',
    '/tiles/a',
  ])('refuses %s', (url) => {
    expect(parseTilePath(url, '/tiles/')).toBeUndefined();
  });
});
