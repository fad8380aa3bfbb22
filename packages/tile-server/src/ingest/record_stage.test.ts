import { describe, expect, it } from 'vitest';
import { RecordStage, type PropertyPolicy } from './record_stage.js';

const allowList: PropertyPolicy = { kind: 'allowList', types: { name: 'string', capacity: 'number', open: 'boolean' }, fields: { name: '시설명', capacity: '수용인원' } };
const point = { type: 'Point', coordinates: [127, 37.5] };

function published(properties: Record<string, unknown>, policy = allowList, textCells = true) {
  const stage = new RecordStage('x.csv', 'line', {}, policy, textCells);
  stage.push({ geometry: point, properties, origin: 2 });
  stage.finish();
  return { ...stage.store.properties(0) };
}

describe('the shared record stage', () => {
  it('keeps only allow-listed properties, renamed and typed', () => {
    expect(published({ 시설명: ' 중앙초등학교 ', 수용인원: '1,200', open: 'Y', secret: 'SECRET' })).toEqual({ name: '중앙초등학교', capacity: 1200, open: true });
  });

  it('drops empty, null and unparseable cells instead of publishing them', () => {
    expect(published({ 시설명: 'null', 수용인원: 'many', open: '-' })).toEqual({});
  });

  it('cannot be used to pollute prototypes', () => {
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "constructor": "x", "시설명": "a"}');
    const stage = new RecordStage('x.geojson', 'feature', {}, allowList, false);
    stage.push({ geometry: point, properties: hostile, origin: 0 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(stage.store.properties(0))).toEqual(['name']);
  });

  it('types CSV text (canonical numbers only) but keeps GeoJSON values as they are', () => {
    expect(published({ code: '007', count: '12', phone: '051-123' }, { kind: 'all' })).toEqual({ code: '007', count: 12, phone: '051-123' });
    expect(published({ code: '12', count: 12 }, { kind: 'all' }, false)).toEqual({ code: '12', count: 12 });
  });

  it('types each CSV column once from all its cells: any text keeps the whole column text', () => {
    const stage = new RecordStage('x.csv', 'line', {}, { kind: 'all' }, true);
    const rows = [
      { name: '12', count: '3', code: '00123', mixed: '5' },
      { name: '중앙', count: '40', code: '00124', mixed: '약 200' },
      { name: '7', count: '', code: '00125', mixed: '6' },
    ];
    rows.forEach((properties, i) => stage.push({ geometry: point, properties, origin: i + 2 }));
    stage.facts();
    expect([0, 1, 2].map((i) => ({ ...stage.store.properties(i) }))).toEqual([
      { name: '12', count: 3, code: '00123', mixed: '5' },
      { name: '중앙', count: 40, code: '00124', mixed: '약 200' },
      { name: '7', code: '00125', mixed: '6' },
    ]);
  });

  it('reports a bad geometry or one of the wrong kind with its line, and keeps nothing of it', () => {
    const stage = new RecordStage('x.csv', 'line', { geometry: 'line' }, { kind: 'all' }, true);
    stage.push({ geometry: point, properties: {}, origin: 3 });
    stage.push({ geometry: { type: 'Point', coordinates: ['a', 1] }, properties: {}, origin: 4 });
    expect(stage.store.length).toBe(0);
    expect(stage.problems.map((p) => [p.line, p.kind])).toEqual([
      [3, 'unexpected-geometry'],
      [4, 'invalid-geometry'],
    ]);
  });
});
