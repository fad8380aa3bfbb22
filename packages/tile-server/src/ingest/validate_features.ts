import type { Position } from 'geojson';
import type { FileRead } from './file_read.js';
import type { IngestOptions, IngestedFeature, ValidationProblem } from './ingest_types.js';
import { declaredRegion, koreaRegion, worldRegion, type RegionCheck } from './korea_region.js';
import { positionsOf } from './project_geometry.js';

/** Validation thresholds, declared once. */
export const validationDefaults = {
  /** Rows sharing one coordinate that is round (≤ 2 decimals, ~1 km): a placeholder, not a pole with cameras. */
  sharedRoundRows: 20,
  /** Rows sharing any one coordinate: no real site holds this many separate facilities. */
  sharedAnyRows: 100,
  /** Data dates older than this many days are flagged (two years: standard data is meant to be refreshed yearly). */
  staleAfterDays: 730,
} as const;

const dayMs = 86_400_000;

/**
 * Judges one file's features: region and swapped axes, placeholder coordinates shared by many rows, required fields
 * and stale data dates. Suspect features are quarantined (left out) unless `keepSuspect`; every finding is a problem.
 */
export function validateFeatures(read: FileRead, file: string, options: IngestOptions): IngestedFeature[] {
  const keep = options.keepSuspect === true;
  const region: RegionCheck = options.region ? declaredRegion(options.region) : read.korean ? koreaRegion : worldRegion;
  const dropped = new Set<number>();
  const report = (feature: IngestedFeature, index: number, kind: ValidationProblem['kind'], reason: string, suspect = true) => {
    const quarantined = suspect ? !keep : true;
    if (quarantined) dropped.add(index);
    read.problems.push({ file, ...locate(feature), kind, severity: 'error', quarantined, reason });
  };

  read.features.forEach((feature, index) => {
    if ((index + 1) % 10_000 === 0) options.onProgress?.({ step: 'validate', file, done: index + 1, total: read.features.length });
    if (feature.geometry.type === 'Point') {
      const [lon, lat] = feature.geometry.coordinates;
      if (region.contains(lon!, lat!)) return;
    }
    const outside = [...positionsOf(feature.geometry)].filter(([lon, lat]) => !region.contains(lon!, lat!));
    if (outside.length === 0) return;
    if (outside.every(([lon, lat]) => region.contains(lat!, lon!))) {
      const [lon, lat] = outside[0]!;
      report(feature, index, 'swapped-lat-lon', `latitude and longitude look swapped (${lat}, ${lon} read as lat, lon lies outside ${region.name}; swapped it lies inside)`);
      // Kept on request, a swapped feature can only be useful at its corrected position.
      if (keep) swapAxes(feature.geometry as { coordinates: unknown });
      return;
    }
    const [lon, lat] = outside[0]!;
    report(feature, index, 'outside-region', `position ${lat}, ${lon} (lat, lon) lies outside ${region.name}`);
  });

  reportSharedCoordinates(read.features, (feature, index, reason) => report(feature, index, 'shared-coordinate', reason));

  for (const field of options.requiredFields ?? []) {
    read.features.forEach((feature, index) => {
      if (!Object.hasOwn(feature.properties, field)) report(feature, index, 'missing-field', `required field "${field}" is missing or empty`);
    });
  }

  const now = (options.now ?? new Date()).getTime();
  const staleAfter = options.staleAfterDays ?? validationDefaults.staleAfterDays;
  const stale = read.dates.entries().filter(([date]) => Math.floor((now - Date.parse(`${date}T00:00:00Z`)) / dayMs) > staleAfter);
  if (stale.length > 0) {
    const [oldest, where] = stale[0]!;
    const newest = stale[stale.length - 1]![0];
    const rows = stale.reduce((sum, [, entry]) => sum + entry.rows, 0);
    const age = Math.floor((now - Date.parse(`${oldest}T00:00:00Z`)) / dayMs);
    read.problems.push({
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
  options.onProgress?.({ step: 'validate', file, done: read.features.length, total: read.features.length });
  return read.features.filter((_, index) => !dropped.has(index));
}

/**
 * Finds a coordinate shared by implausibly many point rows, like 990 cameras filed at the placeholder 36.1, 127.1.
 * A pole with six cameras is real, so the bar is {@link validationDefaults}: 20 rows on a round coordinate, or 100 anywhere.
 */
function reportSharedCoordinates(features: readonly IngestedFeature[], report: (feature: IngestedFeature, index: number, reason: string) => void): void {
  const keyOf = (feature: IngestedFeature): string | undefined => {
    if (feature.geometry.type !== 'Point') return undefined;
    const [lon, lat] = feature.geometry.coordinates as Position;
    return `${Math.round(lon! * 1e7)},${Math.round(lat! * 1e7)}`;
  };
  // Count first and collect only crowded coordinates: a million points must not cost a million arrays.
  const counts = new Map<string, number>();
  for (const feature of features) {
    const key = keyOf(feature);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const crowded = new Map<string, number[]>();
  for (const [key, count] of counts) if (count >= validationDefaults.sharedRoundRows) crowded.set(key, []);
  if (crowded.size === 0) return;
  features.forEach((feature, index) => {
    const key = keyOf(feature);
    if (key !== undefined) crowded.get(key)?.push(index);
  });
  for (const indexes of crowded.values()) {
    const [lon, lat] = (features[indexes[0]!]!.geometry as { coordinates: Position }).coordinates;
    const round = isRound(lon!) && isRound(lat!);
    if (indexes.length < validationDefaults.sharedAnyRows && !(round && indexes.length >= validationDefaults.sharedRoundRows)) continue;
    const reason = `${indexes.length} rows share the coordinate ${Number(lat!.toFixed(7))}, ${Number(lon!.toFixed(7))} (lat, lon)${round ? ', a round value typical of a placeholder' : ''}`;
    for (const index of indexes) report(features[index]!, index, reason);
  }
}

function isRound(value: number): boolean {
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}

function locate(feature: IngestedFeature): { line?: number; feature?: number } {
  const { line, feature: index } = feature.origin;
  return { ...(line === undefined ? {} : { line }), ...(index === undefined ? {} : { feature: index }) };
}

function swapAxes(geometry: { coordinates: unknown }): void {
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number') {
      const [a, b] = value as number[];
      value[0] = b;
      value[1] = a;
      return;
    }
    value.forEach(visit);
  };
  visit(geometry.coordinates);
}
