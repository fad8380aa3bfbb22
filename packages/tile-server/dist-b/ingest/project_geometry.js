/**
 * Vertices one feature may have. A detailed district boundary has tens of thousands; a million is a hostile or broken
 * file, and tiling it would take minutes and gigabytes before anything noticed.
 */
export const MAX_VERTICES_PER_FEATURE = 250_000;
/**
 * Checks a source geometry's structure (finite numbers, enough vertices, closed rings) and projects it to WGS84.
 * Region checks happen later, so a swapped or misplaced geometry still comes out here to be reported precisely.
 */
export function projectGeometry(input, project, budget = { vertices: 0, depth: 0 }) {
    if (input === null || typeof input !== 'object')
        return { invalid: 'the feature has no geometry' };
    // Collections nested thousands deep would overflow the stack; real files nest none.
    if (budget.depth > 4)
        return { invalid: 'GeometryCollections are nested more than 4 deep' };
    const geometry = input;
    const failure = {};
    const point = (value) => {
        if (++budget.vertices > MAX_VERTICES_PER_FEATURE) {
            return fail(failure, `the feature has more than ${MAX_VERTICES_PER_FEATURE.toLocaleString('en')} vertices; simplify it first (for example ogr2ogr -simplify 0.00001 OUT IN)`);
        }
        if (!Array.isArray(value) || value.length < 2)
            return fail(failure, 'a position needs two numbers');
        const [x, y] = value;
        if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
            return fail(failure, `a position is not two finite numbers (${JSON.stringify(value).slice(0, 60)})`);
        }
        const [lon, lat] = project(x, y);
        if (!Number.isFinite(lon) || !Number.isFinite(lat))
            return fail(failure, `position ${x}, ${y} cannot be projected`);
        return [lon, lat];
    };
    const positions = (value, minimum, what) => {
        if (!Array.isArray(value))
            return fail(failure, `${what} is not an array of positions`);
        const out = [];
        for (const item of value) {
            const position = point(item);
            if (!position)
                return undefined;
            out.push(position);
        }
        if (!hasDistinct(out, minimum))
            return fail(failure, `${what} has fewer than ${minimum} distinct vertices`);
        return out;
    };
    const ring = (value) => {
        const out = positions(value, 3, 'a polygon ring');
        if (!out)
            return undefined;
        const first = out[0];
        const last = out[out.length - 1];
        if (first[0] !== last[0] || first[1] !== last[1])
            return fail(failure, 'a polygon ring is not closed (its last vertex differs from its first)');
        return out;
    };
    const polygon = (value) => {
        if (!Array.isArray(value) || value.length === 0)
            return fail(failure, 'a polygon has no rings');
        const rings = [];
        for (const item of value) {
            const out = ring(item);
            if (!out)
                return undefined;
            rings.push(out);
        }
        return rings;
    };
    const many = (value, each, what) => {
        if (!Array.isArray(value) || value.length === 0)
            return fail(failure, `${what} has no parts`);
        const out = [];
        for (const item of value) {
            const part = each(item);
            if (part === undefined)
                return undefined;
            out.push(part);
        }
        return out;
    };
    let result;
    const coordinates = geometry.coordinates;
    switch (geometry.type) {
        case 'Point': {
            const c = point(coordinates);
            result = c && { type: 'Point', coordinates: c };
            break;
        }
        case 'MultiPoint': {
            const c = many(coordinates, point, 'a MultiPoint');
            result = c && { type: 'MultiPoint', coordinates: c };
            break;
        }
        case 'LineString': {
            const c = positions(coordinates, 2, 'a LineString');
            result = c && { type: 'LineString', coordinates: c };
            break;
        }
        case 'MultiLineString': {
            const c = many(coordinates, (item) => positions(item, 2, 'a line of a MultiLineString'), 'a MultiLineString');
            result = c && { type: 'MultiLineString', coordinates: c };
            break;
        }
        case 'Polygon': {
            const c = polygon(coordinates);
            result = c && { type: 'Polygon', coordinates: c };
            break;
        }
        case 'MultiPolygon': {
            const c = many(coordinates, polygon, 'a MultiPolygon');
            result = c && { type: 'MultiPolygon', coordinates: c };
            break;
        }
        case 'GeometryCollection': {
            const parts = [];
            for (const item of Array.isArray(geometry.geometries) ? geometry.geometries : []) {
                budget.depth += 1;
                const part = projectGeometry(item, project, budget);
                budget.depth -= 1;
                if ('invalid' in part)
                    return part;
                parts.push(part.geometry);
            }
            result = parts.length > 0 ? { type: 'GeometryCollection', geometries: parts } : fail(failure, 'a GeometryCollection has no members');
            break;
        }
        default:
            return { invalid: `unknown geometry type ${JSON.stringify(geometry.type ?? null)}` };
    }
    return result ? { geometry: result } : { invalid: failure.reason ?? 'invalid geometry' };
}
/** Every position of a geometry, for region checks and CRS sniffing. */
export function* positionsOf(geometry) {
    switch (geometry.type) {
        case 'Point':
            yield geometry.coordinates;
            return;
        case 'MultiPoint':
        case 'LineString':
            yield* geometry.coordinates;
            return;
        case 'MultiLineString':
        case 'Polygon':
            for (const line of geometry.coordinates)
                yield* line;
            return;
        case 'MultiPolygon':
            for (const polygon of geometry.coordinates)
                for (const line of polygon)
                    yield* line;
            return;
        case 'GeometryCollection':
            for (const member of geometry.geometries)
                yield* positionsOf(member);
    }
}
/** The first few raw positions of an unprojected GeoJSON geometry, to tell degrees from metres. */
export function rawPositions(input, limit = 8) {
    const out = [];
    // Positions sit at most four arrays deep (MultiPolygon); deeper nesting is not looked into.
    const walk = (value, depth) => {
        if (out.length >= limit || !Array.isArray(value) || depth > 4)
            return;
        if (typeof value[0] === 'number' && typeof value[1] === 'number') {
            out.push([value[0], value[1]]);
            return;
        }
        for (const item of value)
            walk(item, depth + 1);
    };
    const geometry = input;
    if (geometry && typeof geometry === 'object') {
        walk(geometry.coordinates, 1);
        if (Array.isArray(geometry.geometries))
            for (const member of geometry.geometries.slice(0, limit))
                if (member !== geometry)
                    for (const position of rawPositions(member, limit - out.length))
                        out.push(position);
    }
    return out;
}
function hasDistinct(positions, minimum) {
    if (positions.length < minimum)
        return false;
    const seen = new Set();
    for (const [x, y] of positions) {
        seen.add(`${x},${y}`);
        if (seen.size >= minimum)
            return true;
    }
    return false;
}
function fail(failure, reason) {
    failure.reason ??= reason;
    return undefined;
}
//# sourceMappingURL=project_geometry.js.map