import { SafeMapError } from '../errors.js';
const idNames = ['shape_id', 'route_id', 'line_id', 'id', '노선id', '경로id', '구간id', '노선번호', '경로번호', '구간번호', '노선명', '경로명', '구간명'];
const sequenceNames = ['shape_pt_sequence', 'sequence', 'seq', 'order', 'vertex', 'point_order', '순번', '순서', '점순서', '정점순서', '일련번호'];
/**
 * Finds the id and sequence columns of a CSV of line vertices (GTFS shapes and route exports). Lines are read when
 * both exist and the expected geometry is a line or unknown; a line layer without them is an error listing the columns.
 */
export function detectVertexColumns(header, geometry, file) {
    if (geometry === 'point')
        return undefined;
    const id = find(header, idNames);
    const sequence = find(header, sequenceNames);
    if (id && sequence && id !== sequence)
        return { id, sequence };
    if (geometry === 'polygon') {
        throw new SafeMapError('SOURCE_INVALID', `${file}: CSV files hold points or line vertices; give polygons as GeoJSON`, { file });
    }
    if (geometry === 'line') {
        throw new SafeMapError('SOURCE_INVALID', `${file}: a line CSV needs one row per vertex with an id and a sequence column (e.g. route_id, sequence); ` +
            `columns seen: ${header.map((name) => JSON.stringify(name)).join(', ')}`, { file, columns: [...header] });
    }
    return undefined;
}
function find(header, candidates) {
    const simplified = new Map(header.map((name) => [name.replace(/\s+/g, '').toLowerCase(), name]));
    for (const candidate of candidates) {
        const hit = simplified.get(candidate);
        if (hit !== undefined)
            return hit;
    }
    return undefined;
}
//# sourceMappingURL=detect_vertex_columns.js.map