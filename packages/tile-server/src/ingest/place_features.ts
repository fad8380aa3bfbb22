import type { Position } from 'geojson';
import { isKnownCrs, normalizeCrs, toWgs84 } from './crs.js';
import { SafeMapError } from '../errors.js';
import { crsDetectedReason, crsRankingDefaults, crsRequiredError, looksProjected, rankCrsCandidates } from './detect_crs.js';
import { forEachPosition, type FeatureStore } from './feature_store.js';
import type { IngestOptions, ValidationProblem } from './ingest_types.js';
import { nearestCity, provinces } from './korea_land.js';
import { declaredRegion, koreaRegion, worldRegion, type RegionCheck } from './korea_region.js';
import type { StageFacts } from './record_stage.js';
import type { ReaderFacts } from './source_reader.js';

/** Validation thresholds, declared once. */
export const validationDefaults = {
  /** Rows sharing one coordinate that is round (≤ 2 decimals, ~1 km): a placeholder, not a pole with cameras. */
  sharedRoundRows: 20,
  /** Rows sharing any one coordinate: no real site holds this many separate facilities. */
  sharedAnyRows: 100,
  /** Data dates older than this many days are flagged (two years: standard data is meant to be refreshed yearly). */
  staleAfterDays: 730,
  /** Positions sampled to tell projected metres from degrees. */
  crsSample: 2000,
} as const;

const KOREAN_CRS = /^EPSG:(5174|2097|5179|518[1-8])$/;
const dayMs = 86_400_000;

/** The placed features of one file and everything found on the way. */
export interface PlacedFeatures {
  readonly store: FeatureStore;
  readonly crs: string;
  readonly problems: ValidationProblem[];
  /** Rows or features left out. */
  readonly quarantined: number;
}

/**
 * The last shared step: chooses the CRS (declared, named by the file, or WGS84 — projected metres with none of these
 * are refused, never guessed), projects the store in place, then judges each feature: region and swapped axes,
 * placeholder coordinates shared by many rows, stale data dates. Suspect features are left out unless `keepSuspect`.
 */
export function placeFeatures(store: FeatureStore, file: string, reader: ReaderFacts, stage: StageFacts, options: IngestOptions): PlacedFeatures {
  const problems: ValidationProblem[] = [...reader.problems, ...stage.problems];
  const locate = (index: number) => (store.originKind === 'line' ? { line: store.origin[index]! } : { feature: store.origin[index]! });
  const { crs, detected } = chooseCrs(store, file, reader, stage, options);
  if (detected && store.length > 0) problems.push({ file, ...locate(0), kind: 'crs-detected', severity: 'warning', quarantined: false, reason: detected });
  if (crs !== 'EPSG:4326') store.project(toWgs84(crs));
  refuseCollapsed(store, file, stage);
  const dropped = new Uint8Array(store.length);
  const keep = options.keepSuspect === true;
  const report = (index: number, kind: ValidationProblem['kind'], reason: string, suspect = true) => {
    const quarantined = suspect ? !keep : true;
    if (quarantined) dropped[index] = 1;
    problems.push({ file, ...locate(index), kind, severity: 'error', quarantined, reason });
  };

  for (let index = 0; index < store.length; index++) {
    if (store.isPoint(index) && !Number.isFinite(store.x[index]!)) report(index, 'invalid-geometry', 'the position cannot be projected', false);
  }
  const korean = stage.korean || KOREAN_CRS.test(crs);
  const region: RegionCheck = options.region ? declaredRegion(options.region) : korean ? koreaRegion : worldRegion;
  for (let index = 0; index < store.length; index++) {
    if ((index + 1) % 100_000 === 0) options.onProgress?.({ step: 'validate', file, done: index + 1, total: store.length });
    if (dropped[index]) continue;
    const outside: Position[] = [];
    if (store.isPoint(index)) {
      const lon = store.x[index]!;
      const lat = store.y[index]!;
      if (region.contains(lon, lat)) continue;
      outside.push([lon, lat]);
    } else {
      forEachPosition(store.geometry(index), (position) => {
        if (!region.contains(position[0]!, position[1]!)) outside.push(position);
      });
      if (outside.length === 0) continue;
    }
    const [lon, lat] = outside[0]!;
    if (outside.every(([x, y]) => region.contains(y!, x!))) {
      report(index, 'swapped-lat-lon', `latitude and longitude look swapped (${lat}, ${lon} read as lat, lon lies outside ${region.name}; swapped it lies inside)`);
      // Kept on request, a swapped feature can only be useful at its corrected position.
      if (keep) swapAxes(store, index);
      continue;
    }
    // Off the globe no web map can draw it, so --keep-suspect cannot keep it: tile writers would fail on it.
    if (outside.some(([x, y]) => !worldRegion.contains(x!, y!) && !(x === 0 && y === 0))) {
      report(index, 'invalid-geometry', `position ${lat}, ${lon} (lat, lon) is off the globe`, false);
      continue;
    }
    report(index, 'outside-region', `position ${lat}, ${lon} (lat, lon) lies outside ${region.name}`);
  }
  reportSharedCoordinates(store, (index, reason) => report(index, 'shared-coordinate', reason));
  if (crs === 'EPSG:4326') {
    for (const line of reader.coarseLines) {
      problems.push({ file, line, kind: 'low-precision', severity: 'warning', quarantined: false, reason: 'coordinates have 2 decimals or fewer: placed within about 1 km at best' });
    }
  }
  reportStaleDates(stage, file, options, problems);
  options.onProgress?.({ step: 'validate', file, done: store.length, total: store.length });
  // File order, so a report reads top to bottom like the file it describes.
  problems.sort((a, b) => (a.line ?? a.feature ?? 0) - (b.line ?? b.feature ?? 0));
  const kept = store.keepOnly((index) => dropped[index] === 0);
  const quarantinedRows = new Set(problems.filter((p) => p.quarantined).map((p) => p.line ?? p.feature)).size;
  return { store: kept, crs, problems, quarantined: quarantinedRows };
}

/**
 * The CRS to read a file in: declared (`--crs`), named by the file (a GeoJSON `crs` member, a `.prj`, a header such as
 * `좌표정보x(epsg5174)`), else degrees. Projected metres with none of these are read in the one Korean system that
 * places them plausibly (on land, in the provinces their addresses name, not collapsed); when none or several do,
 * they are refused with every candidate and the flag for it.
 */
function chooseCrs(store: FeatureStore, file: string, reader: ReaderFacts, stage: StageFacts, options: IngestOptions): { crs: string; detected?: string } {
  if (options.crs) return { crs: normalizeCrs(options.crs) };
  // A shapefile reader hands over its .prj as WKT; normalizeCrs turns WKT into EPSG:N where it can.
  const named = reader.crsMember ?? (reader as ReaderFacts & { crsWkt?: string }).crsWkt;
  if (named) {
    if (!isKnownCrs(named)) {
      throw new SafeMapError('SOURCE_INVALID', `${file}: the file names the coordinate system ${JSON.stringify(named.slice(0, 80))}, which PROJ does not know; give the right one with --crs EPSG:N`, { file });
    }
    return { crs: normalizeCrs(named) };
  }
  // Spread over the file, so a file sorted by district does not show the ranking only its first district.
  const step = Math.max(1, Math.floor(store.length / validationDefaults.crsSample));
  const sample: Array<[number, number]> = [];
  const hints: number[] = [];
  for (let i = 0; i < store.length && sample.length < validationDefaults.crsSample; i += step) {
    sample.push([store.x[i]!, store.y[i]!]);
    hints.push(Math.floor((stage.addressHints?.[i] ?? 0) / 2 ** 24));
  }
  if (!looksProjected(sample)) return { crs: 'EPSG:4326' };
  const candidates = rankCrsCandidates(sample, stage.addressHints ? hints : undefined);
  const plausible = candidates.filter((candidate) => candidate.plausible);
  if (plausible.length !== 1) throw crsRequiredError(file, sample, candidates);
  return { crs: plausible[0]!.crs, detected: crsDetectedReason(plausible[0]!, candidates.slice(1)) };
}

/**
 * Refuses a file whose positions collapse into a spot: many rows within a few metres although their addresses name
 * different districts (1,407 hospitals of 17 provinces inside 3 m × 5 m), or nearly every row of a file without
 * addresses. Such coordinates are not positions, and no per-row check would catch them.
 */
function refuseCollapsed(store: FeatureStore, file: string, stage: StageFacts): void {
  // Counted, then sampled, without a list of every point: at a national size such lists were hundreds of megabytes.
  const isPlaced = (i: number) => store.isPoint(i) && Number.isFinite(store.x[i]!);
  let placed = 0;
  for (let i = 0; i < store.length; i++) if (isPlaced(i)) placed++;
  if (placed < crsRankingDefaults.collapseRows) return;
  const step = Math.max(1, Math.floor(placed / 10_000));
  const sampled: number[] = [];
  for (let i = 0, k = 0; i < store.length; i++) if (isPlaced(i) && k++ % step === 0) sampled.push(i);
  const middle = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const lon = middle(sampled.map((i) => store.x[i]!));
  const lat = middle(sampled.map((i) => store.y[i]!));
  const metresPerDegree = 111_320;
  const cos = Math.cos((lat * Math.PI) / 180);
  const near: number[] = [];
  for (let i = 0; i < store.length; i++) {
    if (isPlaced(i) && Math.hypot((store.x[i]! - lon) * metresPerDegree * cos, (store.y[i]! - lat) * metresPerDegree) <= crsRankingDefaults.collapseMeters) near.push(i);
  }
  if (near.length < crsRankingDefaults.collapseRows || near.length * 2 < placed) return;
  const spots = new Set<string>();
  for (const i of near) if (spots.add(`${store.x[i]},${store.y[i]}`).size >= 3) break;
  // One exact coordinate shared by many rows is a placeholder: reported row by row as a shared coordinate.
  if (spots.size < 3) return;
  const districts = new Set<number>();
  const named = new Set<number>();
  for (const i of near) {
    const hint = stage.addressHints?.[i] ?? 0;
    if (hint === 0) continue;
    districts.add(hint);
    named.add(Math.floor(hint / 2 ** 24));
  }
  const byAddress = districts.size >= 2;
  if (!byAddress && near.length < placed * 0.9) return;
  const where = nearestCity(lon, lat);
  const provinceNames = [...named].slice(0, 4).map((index) => provinces[index - 1]?.nameEn ?? '?');
  throw new SafeMapError(
    'DATA_INVALID',
    `${file}: ${near.length} of ${placed} rows lie within ${crsRankingDefaults.collapseMeters} m of one spot ` +
      `(${lat.toFixed(6)}, ${lon.toFixed(6)}, ${Math.round(where.km)} km from ${where.name})` +
      (byAddress ? ` although their addresses name ${named.size > 1 ? `${named.size} provinces (${provinceNames.join(', ')}${named.size > 4 ? ', …' : ''})` : `${districts.size} districts`}` : '') +
      ': these coordinates are not positions (a converted or "corrected" column, or the wrong columns). Nothing was written. ' +
      'Name the real coordinate columns with --x COL --y COL (projected, with --crs EPSG:N) or --lat COL --lon COL, or geocode the addresses first.',
    { file, rows: near.length, of: placed },
  );
}

/**
 * Finds a coordinate shared by implausibly many point rows, like 990 cameras filed at the placeholder 36.1, 127.1.
 * A pole with six cameras is real, so the bar is {@link validationDefaults}: 20 rows on a round coordinate, or 100 anywhere.
 */
function reportSharedCoordinates(store: FeatureStore, report: (index: number, reason: string) => void): void {
  // Counting in hash buckets first keeps a million points free of per-point strings; only crowded buckets are
  // looked at exactly.
  const bits = 22;
  const buckets = new Uint32Array(1 << bits);
  const bucketOf = (i: number) => (Math.imul(Math.round(store.x[i]! * 1e7) | 0, 0x9e3779b1) ^ Math.imul(Math.round(store.y[i]! * 1e7) | 0, 0x85ebca77)) >>> (32 - bits);
  for (let i = 0; i < store.length; i++) if (store.isPoint(i)) buckets[bucketOf(i)]! += 1;
  const crowded = new Map<string, number[]>();
  for (let i = 0; i < store.length; i++) {
    if (!store.isPoint(i) || buckets[bucketOf(i)]! < validationDefaults.sharedRoundRows) continue;
    const key = `${Math.round(store.x[i]! * 1e7)},${Math.round(store.y[i]! * 1e7)}`;
    let indexes = crowded.get(key);
    if (!indexes) crowded.set(key, (indexes = []));
    indexes.push(i);
  }
  for (const indexes of crowded.values()) {
    const lon = store.x[indexes[0]!]!;
    const lat = store.y[indexes[0]!]!;
    const round = isRound(lon) && isRound(lat);
    if (indexes.length < validationDefaults.sharedAnyRows && !(round && indexes.length >= validationDefaults.sharedRoundRows)) continue;
    const reason = `${indexes.length} rows share the coordinate ${Number(lat.toFixed(7))}, ${Number(lon.toFixed(7))} (lat, lon)${round ? ', a round value typical of a placeholder' : ''}`;
    for (const index of indexes) report(index, reason);
  }
}

function reportStaleDates(stage: StageFacts, file: string, options: IngestOptions, problems: ValidationProblem[]): void {
  const now = (options.now ?? new Date()).getTime();
  const staleAfter = options.staleAfterDays ?? validationDefaults.staleAfterDays;
  const stale = stage.dates.filter(([date]) => Math.floor((now - Date.parse(`${date}T00:00:00Z`)) / dayMs) > staleAfter);
  if (stale.length === 0) return;
  const [oldest, where] = stale[0]!;
  const newest = stale[stale.length - 1]![0];
  const rows = stale.reduce((sum, [, entry]) => sum + entry.rows, 0);
  const age = Math.floor((now - Date.parse(`${oldest}T00:00:00Z`)) / dayMs);
  problems.push({
    file,
    ...(where.line === undefined ? {} : { line: where.line }),
    ...(where.feature === undefined ? {} : { feature: where.feature }),
    kind: 'stale-date',
    severity: 'warning',
    quarantined: false,
    reason:
      `${rows} row${rows === 1 ? ' has a data date' : 's have data dates'} older than ${staleAfter} days ` +
      `(${oldest === newest ? oldest : `${oldest} to ${newest}`}; the oldest is ${age} days old): facilities may have moved or closed`,
  });
}

function isRound(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}

function swapAxes(store: FeatureStore, index: number): void {
  if (store.isPoint(index)) {
    const x = store.x[index]!;
    store.x[index] = store.y[index]!;
    store.y[index] = x;
    return;
  }
  const shape = store.shapes.get(index)!;
  forEachPosition(shape, (position) => {
    const [a, b] = position as number[];
    position[0] = b!;
    position[1] = a!;
  });
}
