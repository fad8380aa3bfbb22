import { describe, expect, it } from 'vitest';
import { MAX_VERTICES_PER_FEATURE, projectGeometry } from './project_geometry.js';

const identity = (x: number, y: number): [number, number] => [x, y];

describe('hostile geometries are refused, not worked through', () => {
  it('a polygon with a million self-intersecting vertices is invalid, checking no further than the bound', () => {
    const ring = Array.from({ length: 1_000_000 }, (_, i) => [127 + (i % 2) * 0.01, 37 + (i % 1000) * 1e-5]);
    ring.push(ring[0]!);
    let projected = 0;
    const counting = (x: number, y: number): [number, number] => {
      projected += 1;
      return [x, y];
    };
    const result = projectGeometry({ type: 'Polygon', coordinates: [ring] }, counting);
    expect(result).toEqual({ invalid: expect.stringMatching(/more than 250,000 vertices; simplify it first/) });
    expect(projected).toBe(MAX_VERTICES_PER_FEATURE);
  });

  it('counts vertices across the members of a collection', () => {
    const line = { type: 'LineString', coordinates: Array.from({ length: 100_000 }, (_, i) => [127 + i * 1e-6, 37]) };
    expect(projectGeometry({ type: 'GeometryCollection', geometries: [line, line] }, identity)).not.toHaveProperty('invalid');
    expect(projectGeometry({ type: 'GeometryCollection', geometries: [line, line, line] }, identity)).toHaveProperty('invalid');
  });

  it('collections nested 50,000 deep are invalid, without overflowing the stack', () => {
    let geometry: unknown = { type: 'Point', coordinates: [127, 37] };
    for (let i = 0; i < 50_000; i++) geometry = { type: 'GeometryCollection', geometries: [geometry] };
    expect(projectGeometry(geometry, identity)).toEqual({ invalid: 'GeometryCollections are nested more than 4 deep' });
  });
});
