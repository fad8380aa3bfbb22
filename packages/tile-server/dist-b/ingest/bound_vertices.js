/** Bounds on one feature's geometry, declared once: beyond them a feature is refused before any work on it. */
export const geometryLimits = {
    /** Positions in one feature: ten times a detailed cadastral parcel outline, far below what stalls validation. */
    vertices: 500_000,
    /** Geometry collections inside geometry collections. */
    depth: 8,
};
/** Why a geometry is over {@link geometryLimits}, or undefined when it is within them. Counts without recursion on arrays. */
export function boundVertices(geometry, depth = 0) {
    const g = geometry;
    if (!g || typeof g !== 'object')
        return undefined;
    if (g.type === 'GeometryCollection' && Array.isArray(g.geometries)) {
        if (depth >= geometryLimits.depth)
            return `geometry collections nested more than ${geometryLimits.depth} deep`;
        let total = 0;
        for (const member of g.geometries) {
            const reason = boundVertices(member, depth + 1);
            if (reason)
                return reason;
            total += countPositions(member?.coordinates);
            if (total > geometryLimits.vertices)
                return tooMany(total);
        }
        return undefined;
    }
    const count = countPositions(g.coordinates);
    return count > geometryLimits.vertices ? tooMany(count) : undefined;
}
function countPositions(coordinates) {
    if (!Array.isArray(coordinates))
        return 0;
    let count = 0;
    const stack = [coordinates];
    while (stack.length > 0) {
        const value = stack.pop();
        if (!Array.isArray(value))
            continue;
        if (typeof value[0] === 'number') {
            count += 1;
            continue;
        }
        // Geometries nest at most four arrays deep (MultiPolygon); the stack stays small.
        for (const item of value)
            stack.push(item);
        if (count > geometryLimits.vertices)
            break;
    }
    return count;
}
function tooMany(count) {
    return `${count > geometryLimits.vertices * 2 ? `more than ${geometryLimits.vertices * 2}` : count} positions in one feature; at most ${geometryLimits.vertices} are read: simplify it first (ogr2ogr -simplify)`;
}
/**
 * Emits a feature of a GIS format, unless its geometry is over {@link geometryLimits}: then it is reported by its
 * index and counted as seen, and nothing downstream spends time on it.
 */
export function emitBounded(record, file, facts, emit) {
    const tooMany = boundVertices(record.geometry);
    if (!tooMany)
        return emit(record);
    facts.problems.push({ file, feature: record.origin, kind: 'invalid-geometry', severity: 'error', quarantined: true, reason: tooMany });
    facts.unplaced += 1;
}
//# sourceMappingURL=bound_vertices.js.map