import { geometryLimits } from './bound_vertices.js';
const typeNames = ['', 'Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection'];
/**
 * Decodes Well-Known Binary (OGC/ISO, with Z, M and ZM in either the ISO or the EWKB style) into GeoJSON with x and
 * y only. GeoPackage stores geometries this way; about 80 lines here against a dependency for one call. Counts are
 * checked against the bytes left before anything is allocated, positions against {@link geometryLimits}, and
 * collections may not nest deeper than the limit, so a hostile blob is refused, never a crash.
 */
export function decodeWkb(bytes) {
    const reader = new WkbReader(bytes);
    try {
        const geometry = reader.geometry(0);
        return { geometry };
    }
    catch (error) {
        if (error instanceof WkbError)
            return { invalid: error.message };
        if (error instanceof RangeError)
            return { invalid: 'the geometry bytes end early' };
        throw error;
    }
}
class WkbError extends Error {
}
class WkbReader {
    bytes;
    offset = 0;
    little = true;
    seen = 0;
    view;
    constructor(bytes) {
        this.bytes = bytes;
        this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    geometry(depth) {
        if (depth > geometryLimits.depth)
            throw new WkbError(`geometry collections nested more than ${geometryLimits.depth} deep`);
        this.little = this.view.getUint8(this.offset++) === 1;
        let code = this.uint32();
        let dimensions = 2;
        // EWKB: flags in the high bits (Z, M, SRID); ISO: thousands (1000 Z, 2000 M, 3000 ZM).
        if (code & 0x20000000)
            this.offset += 4;
        if (code & 0x80000000)
            dimensions += 1;
        if (code & 0x40000000)
            dimensions += 1;
        code &= 0x0fffffff;
        const iso = Math.floor(code / 1000);
        if (iso === 1 || iso === 2)
            dimensions += 1;
        else if (iso === 3)
            dimensions += 2;
        const type = typeNames[code % 1000];
        if (!type || code % 1000 === 0 || iso > 3)
            throw new WkbError(`geometry type ${code} is not read (curves and surfaces: convert with ogr2ogr -nlt CONVERT_TO_LINEAR)`);
        switch (type) {
            case 'Point': {
                const position = this.position(dimensions);
                return Number.isNaN(position[0]) && Number.isNaN(position[1]) ? null : { type, coordinates: position };
            }
            case 'LineString':
                return { type, coordinates: this.positions(dimensions) };
            case 'Polygon':
                return { type, coordinates: this.rings(dimensions) };
            case 'MultiPoint':
            case 'MultiLineString':
            case 'MultiPolygon':
            case 'GeometryCollection': {
                const parts = this.count(5);
                const members = [];
                for (let i = 0; i < parts; i++) {
                    const member = this.geometry(depth + 1);
                    if (member)
                        members.push(member);
                }
                if (type === 'GeometryCollection')
                    return { type, geometries: members };
                return { type, coordinates: members.map((member) => member.coordinates) };
            }
        }
    }
    uint32() {
        const value = this.view.getUint32(this.offset, this.little);
        this.offset += 4;
        return value;
    }
    /** A count, refused when the bytes left cannot hold that many items of `minBytes` each. */
    count(minBytes) {
        const count = this.uint32();
        if (count * minBytes > this.bytes.byteLength - this.offset)
            throw new WkbError('the geometry bytes end early');
        return count;
    }
    position(dimensions) {
        if (++this.seen > geometryLimits.vertices)
            throw new WkbError(`more than ${geometryLimits.vertices} positions in one feature; simplify it first (ogr2ogr -simplify)`);
        const x = this.view.getFloat64(this.offset, this.little);
        const y = this.view.getFloat64(this.offset + 8, this.little);
        this.offset += 8 * dimensions;
        return [x, y];
    }
    positions(dimensions) {
        const count = this.count(8 * dimensions);
        const out = [];
        for (let i = 0; i < count; i++)
            out.push(this.position(dimensions));
        return out;
    }
    rings(dimensions) {
        const count = this.count(4);
        const out = [];
        for (let i = 0; i < count; i++)
            out.push(this.positions(dimensions));
        return out;
    }
}
//# sourceMappingURL=decode_wkb.js.map