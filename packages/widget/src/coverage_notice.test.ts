import { describe, expect, it } from 'vitest';
import { viewLeftRegion, type Region } from './coverage_notice.js';

const BUSAN: Region = [128.7, 34.85, 129.35, 35.45];
/** A view of `half` degrees either side of a centre. */
const around = ([lon, lat]: [number, number], half: number): Region => [lon - half, lat - half, lon + half, lat + half];

describe('viewLeftRegion', () => {
  it('stays quiet while the centre is inside the region, at any zoom', () => {
    expect(viewLeftRegion(around([129.06, 35.15], 0.01), [129.06, 35.15], BUSAN)).toBe(false);
    expect(viewLeftRegion(around([129.3, 35.4], 10), [129.3, 35.4], BUSAN)).toBe(false);
  });

  it('stays quiet zoomed out with the region on screen, wherever the centre drifts', () => {
    expect(viewLeftRegion(around([128, 35], 4), [128, 35], BUSAN)).toBe(false);
  });

  it('shows once the centre is outside and the region mostly off screen', () => {
    // Seoul, at city zoom and zoomed out far enough to still see Busan at the edge.
    expect(viewLeftRegion(around([126.98, 37.57], 0.1), [126.98, 37.57], BUSAN)).toBe(true);
    expect(viewLeftRegion(around([126.98, 37.57], 2.3), [126.98, 37.57], BUSAN)).toBe(true);
    // Just past the region's eastern edge, zoomed in.
    expect(viewLeftRegion(around([129.4, 35.1], 0.02), [129.4, 35.1], BUSAN)).toBe(true);
  });
});
