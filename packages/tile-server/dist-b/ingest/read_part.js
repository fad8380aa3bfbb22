import { readCsv } from './read_csv.js';
import { readFlatgeobuf } from './read_flatgeobuf.js';
import { readGeojson, readNdjson } from './read_geojson.js';
import { readGeopackage } from './read_geopackage.js';
import { readKml } from './read_kml.js';
import { readShapefile } from './read_shapefile.js';
import { readXlsx } from './read_xlsx.js';
import { RecordStage } from './record_stage.js';
const readers = {
    csv: readCsv,
    geojson: readGeojson,
    ndjson: readNdjson,
    xlsx: readXlsx,
    shapefile: readShapefile,
    gpkg: readGeopackage,
    fgb: readFlatgeobuf,
    kml: readKml,
};
/** Tables (CSV, spreadsheets): cells are text to be typed, and rows are located by line. */
const tables = new Set(['csv', 'xlsx']);
/** Reads a file, or one part of it, through its format's reader and the shared stage, into a compact store. */
export async function readPart(request) {
    const { stage, reader } = await readIntoStage(request);
    // Facts first: they finish the stage (column types) before the store is handed over.
    const facts = stage.facts();
    return { store: stage.store.toParts(), stage: facts, reader };
}
/** {@link readPart} in the calling thread, keeping the store as it is. */
export async function readIntoStage(request, onProgress) {
    const policy = request.policy.kind === 'include' ? { kind: 'include', names: new Set(request.policy.names) } : request.policy;
    const table = tables.has(request.format);
    const stage = new RecordStage(request.file, table ? 'line' : 'feature', request.options, policy, table);
    const options = { ...request.options, ...(onProgress ? { onProgress } : {}) };
    const reader = await readers[request.format](request.file, options, (record) => stage.push(record), request.part);
    return { stage, reader };
}
//# sourceMappingURL=read_part.js.map