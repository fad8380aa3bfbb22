const METERS_PER_DEGREE = 111_320;
/**
 * Snaps a WGS84 position to a grid of `gridMeters` on the ground: latitude in steps of that many metres, longitude in
 * steps as wide at the snapped latitude. Many positions in one cell become one position, so no tile, look-up or
 * zoom level can reveal more than the cell.
 */
export function snapPosition(position, gridMeters) {
    const [lon, lat] = position;
    const latStep = gridMeters / METERS_PER_DEGREE;
    const snappedLat = round(Math.round(lat / latStep) * latStep);
    const lonStep = gridMeters / (METERS_PER_DEGREE * Math.max(Math.cos((snappedLat * Math.PI) / 180), 1e-6));
    return [round(Math.round(lon / lonStep) * lonStep), snappedLat];
}
/** Drops float noise from the grid arithmetic so equal cells give byte-equal coordinates. */
function round(value) {
    return Math.round(value * 1e7) / 1e7;
}
//# sourceMappingURL=snap_position.js.map