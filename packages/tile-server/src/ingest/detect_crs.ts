import { SafeMapError } from '../errors.js';
import { toWgs84 } from './crs.js';
import { koreaRegion } from './korea_region.js';

/** Whether a coordinate pair cannot be degrees: projected metres. */
export function isProjectedPair(x: number, y: number): boolean {
  return Math.abs(x) > 180 || Math.abs(y) > 90;
}

/** Whether most of a sample of pairs are projected metres. */
export function looksProjected(sample: ReadonlyArray<readonly [number, number]>): boolean {
  if (sample.length === 0) return false;
  const projected = sample.filter(([x, y]) => isProjectedPair(x, y)).length;
  return projected * 2 > sample.length;
}

/** Korean systems in the order they are met in agency data, which breaks ties between equally plausible ones. */
const prior: ReadonlyArray<[string, string]> = [
  ['EPSG:5174', 'Korean 1985 / modified central belt, Bessel; LOCALDATA, false northing 500000'],
  ['EPSG:5186', 'Korea 2000 / central belt 2010; base maps and most shapefiles, false northing 600000'],
  ['EPSG:5181', 'Korea 2000 / central belt; Kakao/Daum, false northing 500000'],
  ['EPSG:2097', 'Korean 1985 / central belt, Bessel; older local data, false northing 500000'],
  ['EPSG:5185', 'Korea 2000 / west belt 2010, false northing 600000'],
  ['EPSG:5187', 'Korea 2000 / east belt 2010, false northing 600000'],
  ['EPSG:5188', 'Korea 2000 / East Sea belt 2010, false northing 600000'],
  ['EPSG:5179', 'Korea 2000 / unified CS (UTM-K)'],
  ['EPSG:3857', 'Web Mercator'],
];

/** A CRS that would put the sample in Korea, with the share of the sample it places there. */
export interface CrsCandidate {
  crs: string;
  label: string;
  inKorea: number;
}

/**
 * Ranks the supported projected systems by how much of the sample each one places in Korea; ties keep the order in
 * which agencies use them. Systems placing less than half the sample in Korea are not candidates.
 */
export function rankCrsCandidates(sample: ReadonlyArray<readonly [number, number]>): CrsCandidate[] {
  const points = sample.slice(0, 500);
  const candidates: CrsCandidate[] = [];
  for (const [crs, label] of prior) {
    const project = toWgs84(crs);
    let inside = 0;
    for (const [x, y] of points) {
      const [lon, lat] = project(x, y);
      if (koreaRegion.contains(lon, lat)) inside += 1;
    }
    const share = points.length === 0 ? 0 : inside / points.length;
    if (share >= 0.5) candidates.push({ crs, label, inKorea: share });
  }
  return candidates.sort((a, b) => b.inKorea - a.inKorea);
}

/**
 * The refusal for projected coordinates without a declared CRS. False northings of 500000 and 600000 overlap over
 * most of Korea, so a guess would silently misplace every point by 100 km (or 300 m between Bessel and GRS80).
 */
export function crsRequiredError(file: string, sample: ReadonlyArray<readonly [number, number]>): SafeMapError {
  const candidates = rankCrsCandidates(sample);
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const x = Math.round(median(sample.map(([value]) => value)));
  const y = Math.round(median(sample.map(([, value]) => value)));
  const listed =
    candidates.length > 0
      ? `likely, most plausible first: ${candidates.map((c) => `${c.crs} (${c.label})`).join('; ')}`
      : 'no supported Korean system places them in Korea';
  return new SafeMapError(
    'CRS_REQUIRED',
    `${file}: coordinates are projected metres (median x≈${x}, y≈${y}) but no coordinate system is declared; ` +
      `refusing to guess. ${listed}. Declare it with --crs EPSG:N (or "crs" in the catalogue source).`,
    { file, candidates: candidates.map((c) => c.crs), medianX: x, medianY: y },
  );
}
