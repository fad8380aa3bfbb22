import { detectCoordinateColumns } from './detect_coordinate_columns.js';
import { parseCoordinate, parseCoordinateCell } from './type_cell.js';
const dmsNames = ['LAT_PROVIN', 'LAT_MIN', 'LAT_SEC', 'LOT_PROVIN', 'LOT_MIN', 'LOT_SEC'];
const wktNames = ['wkt', 'wkt_geom', 'geom', 'the_geom', 'geometry', 'shape', '좌표', '공간정보'];
const wktPoint = /^\s*POINT\s*(?:Z\s*|M\s*|ZM\s*)?\(\s*([^\s,()]+)\s+([^\s,()]+)(?:\s+[^\s,()]+)*\s*\)\s*$/i;
/**
 * Chooses how a CSV's rows give positions: explicit or detected coordinate columns, degrees-minutes-seconds split
 * into six columns (LAT_PROVIN … LOT_SEC), or a WKT `POINT(x y)` column. The coordinate-column error (listing the
 * columns seen) is kept when none of these fits.
 */
export function pointCells(header, options, file, sample) {
    const explicit = options.lat || options.lon || options.x || options.y;
    if (!explicit) {
        const dms = dmsNames.map((name) => header.findIndex((column) => column.toUpperCase() === name));
        if (dms.every((index) => index >= 0))
            return dmsCells(header, dms);
        const wkt = header.findIndex((column, index) => wktNames.includes(column.toLowerCase()) && (sample === undefined || wktPoint.test(sample[index] ?? '')));
        if (wkt >= 0 && sample !== undefined)
            return wktCells(header[wkt], wkt);
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
            const read = { xCell, yCell, x: x?.value, y: y?.value };
            const repaired = [[xName, xCell, x], [yName, yCell, y]];
            if (x && y && (x.repair || y.repair)) {
                const dms = x.repair === 'dms' || y.repair === 'dms';
                const shown = repaired
                    .filter(([, , value]) => value?.repair)
                    .map(([name, cell, value]) => `${name} ${JSON.stringify(cell)} → ${value.value}`)
                    .join(', ');
                read.repair = dms
                    ? { kind: 'dms-coordinate', reason: `degrees-minutes-seconds read as decimal degrees (${shown})` }
                    : { kind: 'coordinate-typo', reason: `a stray separator after the number was ignored (${shown})` };
            }
            return read;
        },
    };
}
function dmsCells(header, indexes) {
    const [latD, latM, latS, lonD, lonM, lonS] = indexes;
    const degrees = (cells, d, m, s) => {
        const [a, b, c] = [parseCoordinate(cells[d]), parseCoordinate(cells[m]), parseCoordinate(cells[s])];
        if (a === undefined || b === undefined || c === undefined || b < 0 || b >= 60 || c < 0 || c >= 60)
            return undefined;
        return Math.sign(a || 1) * (Math.abs(a) + b / 60 + c / 3600);
    };
    const text = (cells, d, m, s) => `${cells[d] ?? ''}° ${cells[m] ?? ''}′ ${cells[s] ?? ''}″`;
    return {
        columns: indexes.map((index) => header[index]),
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
function wktCells(name, index) {
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
//# sourceMappingURL=point_cells.js.map