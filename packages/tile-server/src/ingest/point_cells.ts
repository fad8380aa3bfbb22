import { detectCoordinateColumns } from './detect_coordinate_columns.js';
import type { IngestOptions } from './ingest_types.js';
import { parseCoordinate, parseCoordinateCell } from './type_cell.js';

/** How one CSV row yields its x (longitude/easting) and y (latitude/northing) cells and numbers. */
export interface PointCells {
  /** Column names the position comes from, for messages and for leaving them out of line properties. */
  columns: string[];
  xName: string;
  yName: string;
  /** The CRS the coordinate headers name, e.g. EPSG:5174 from `좌표정보x(epsg5174)`. */
  crs?: string;
  read(cells: readonly string[]): PointRead;
}

/** One row's position cells, the numbers read from them, and a repair made on the way (for a warning). */
export interface PointRead {
  xCell: string | undefined;
  yCell: string | undefined;
  x: number | undefined;
  y: number | undefined;
  repair?: { kind: 'dms-coordinate' | 'coordinate-typo'; reason: string };
}

const dmsNames = ['LAT_PROVIN', 'LAT_MIN', 'LAT_SEC', 'LOT_PROVIN', 'LOT_MIN', 'LOT_SEC'];
const wktNames = ['wkt', 'wkt_geom', 'geom', 'the_geom', 'geometry', 'shape', '좌표', '공간정보'];
const wktPoint = /^\s*POINT\s*(?:Z\s*|M\s*|ZM\s*)?\(\s*([^\s,()]+)\s+([^\s,()]+)(?:\s+[^\s,()]+)*\s*\)\s*$/i;

/**
 * Chooses how a CSV's rows give positions: explicit or detected coordinate columns, degrees-minutes-seconds split
 * into six columns (LAT_PROVIN … LOT_SEC), or a WKT `POINT(x y)` column. The coordinate-column error (listing the
 * columns seen) is kept when none of these fits.
 */
export function pointCells(header: readonly string[], options: IngestOptions, file: string, sample: readonly string[] | undefined): PointCells {
  const explicit = options.lat || options.lon || options.x || options.y;
  if (!explicit) {
    const dms = dmsNames.map((name) => header.findIndex((column) => column.toUpperCase() === name));
    if (dms.every((index) => index >= 0)) return dmsCells(header, dms);
    const wkt = header.findIndex((column, index) => wktNames.includes(column.toLowerCase()) && (sample === undefined || wktPoint.test(sample[index] ?? '')));
    if (wkt >= 0 && sample !== undefined) return wktCells(header[wkt]!, wkt);
  }
  const columns = detectCoordinateColumns(header, options, file);
  const [xName, yName] = columns.kind === 'latlon' ? [columns.lon, columns.lat] : [columns.x, columns.y];
  const xIndex = header.indexOf(xName);
  const yIndex = header.indexOf(yName);
  return {
    columns: [xName, yName],
    xName,
    yName,
    ...(columns.crs ? { crs: columns.crs } : {}),
    read: (cells) => {
      const [xCell, yCell] = [cells[xIndex], cells[yIndex]];
      const [x, y] = [parseCoordinateCell(xCell), parseCoordinateCell(yCell)];
      const read: PointRead = { xCell, yCell, x: x?.value, y: y?.value };
      const repaired = [[xName, xCell, x], [yName, yCell, y]] as const;
      if (x && y && (x.repair || y.repair)) {
        const dms = x.repair === 'dms' || y.repair === 'dms';
        const shown = repaired
          .filter(([, , value]) => value?.repair)
          .map(([name, cell, value]) => `${name} ${JSON.stringify(cell)} → ${value!.value}`)
          .join(', ');
        read.repair = dms
          ? { kind: 'dms-coordinate', reason: `degrees-minutes-seconds read as decimal degrees (${shown})` }
          : { kind: 'coordinate-typo', reason: `a stray separator after the number was ignored (${shown})` };
      }
      return read;
    },
  };
}

function dmsCells(header: readonly string[], indexes: number[]): PointCells {
  const [latD, latM, latS, lonD, lonM, lonS] = indexes as [number, number, number, number, number, number];
  const degrees = (cells: readonly string[], d: number, m: number, s: number): number | undefined => {
    const [a, b, c] = [parseCoordinate(cells[d]), parseCoordinate(cells[m]), parseCoordinate(cells[s])];
    if (a === undefined || b === undefined || c === undefined || b < 0 || b >= 60 || c < 0 || c >= 60) return undefined;
    return Math.sign(a || 1) * (Math.abs(a) + b / 60 + c / 3600);
  };
  const text = (cells: readonly string[], d: number, m: number, s: number) => `${cells[d] ?? ''}° ${cells[m] ?? ''}′ ${cells[s] ?? ''}″`;
  return {
    columns: indexes.map((index) => header[index]!),
    xName: 'LOT_PROVIN/LOT_MIN/LOT_SEC',
    yName: 'LAT_PROVIN/LAT_MIN/LAT_SEC',
    read: (cells) => ({
      xCell: text(cells, lonD, lonM, lonS),
      yCell: text(cells, latD, latM, latS),
      x: degrees(cells, lonD, lonM, lonS),
      y: degrees(cells, latD, latM, latS),
    }),
  };
}

function wktCells(name: string, index: number): PointCells {
  return {
    columns: [name],
    xName: name,
    yName: name,
    read: (cells) => {
      const match = wktPoint.exec(cells[index] ?? '');
      return { xCell: match?.[1] ?? cells[index], yCell: match?.[2] ?? cells[index], x: parseCoordinate(match?.[1]), y: parseCoordinate(match?.[2]) };
    },
  };
}
