import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { deserialize } from 'flatgeobuf/lib/mjs/geojson.js';
import { SafeMapError } from '../errors.js';
import { emitBounded } from './bound_vertices.js';
import { displayText } from './display_text.js';
import { statedCrs } from './match_wkt.js';
/**
 * Reads a FlatGeobuf file with the format's own package, streamed feature by feature. The header's CRS (an EPSG
 * code, or WKT matched to one) is the file's stated CRS.
 */
export const readFlatgeobuf = async (file, options, emit) => {
    try {
        await access(file);
    }
    catch (error) {
        throw new SafeMapError('SOURCE_UNREADABLE', `${displayText(file)}: cannot be read (${error.message})`, { file }, { cause: error });
    }
    const facts = { format: 'fgb', encoding: 'utf-8', problems: [], coarseLines: [], unplaced: 0 };
    const stream = Readable.toWeb(createReadStream(file));
    let index = 0;
    try {
        const features = deserialize(stream, { headerMetaFn: (header) => Object.assign(facts, crsOf(header)) });
        for await (const feature of features) {
            const at = index++;
            emitBounded({ geometry: feature.geometry, properties: feature.properties ?? {}, origin: at }, file, facts, emit);
            if (index % 10_000 === 0)
                options.onProgress?.({ step: 'read', file, done: index });
        }
    }
    catch (error) {
        if (error instanceof SafeMapError)
            throw error;
        throw new SafeMapError('SOURCE_INVALID', `${displayText(file)}: not a readable FlatGeobuf file (feature ${index}: ${error.message})`, { file }, { cause: error });
    }
    return facts;
};
function crsOf(header) {
    return header.crs ? statedCrs({ organization: header.crs.org, code: header.crs.code, wkt: header.crs.wkt }) : {};
}
//# sourceMappingURL=read_flatgeobuf.js.map