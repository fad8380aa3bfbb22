import { PbfWriter } from 'pbf';
import './pbf_utf8_fix.js';
/** MVT command integers: MoveTo with a count of one. */
const MOVE_TO_ONE = (1 & 7) | (1 << 3);
const STRING_VALUE_TAG = (1 << 3) | 2;
/**
 * Writes the point features of one MVT layer, tile after tile, straight from a {@link FeatureStore}: property values
 * are looked up through the store's dictionaries (stamp arrays, no maps or objects per feature), text of mostly-unique
 * columns is copied as bytes. Keys and values are deduplicated per tile in first-use order, so output is stable.
 * One writer serves a whole layer; `finish` returns each tile's layer message and makes the writer ready for the next.
 */
export class MvtLayerWriter {
    name;
    store;
    extent;
    features = new PbfWriter(new Uint8Array(1 << 16));
    layer = new PbfWriter(new Uint8Array(1 << 16));
    keys = [];
    values = [];
    extraKeys = new Map();
    extraValues = new Map();
    columns;
    tags = [];
    point = { id: undefined, x: 0, y: 0, tags: this.tags };
    stamp = 1;
    count = 0;
    constructor(name, store, extent = 4096) {
        this.name = name;
        this.store = store;
        this.extent = extent;
        this.columns = store
            ? [...store.columns.values()].map((column) => {
                const size = column.mode === 'dictionary' ? column.values.length + 1 : 0;
                return { column, key: 0, keyStamp: 0, slots: new Int32Array(size), stamps: new Int32Array(size) };
            })
            : [];
    }
    /** Number of features written to the current tile. */
    get size() {
        return this.count;
    }
    /** Adds feature `index` of the store as a point at tile coordinates (x, y), with the feature's id. */
    addFeature(index, x, y) {
        const tags = this.tags;
        tags.length = 0;
        for (const slots of this.columns) {
            const value = this.valueIndex(slots, index);
            if (value < 0)
                continue;
            if (slots.keyStamp !== this.stamp) {
                slots.keyStamp = this.stamp;
                slots.key = this.keys.length;
                this.keys.push(slots.column.name);
            }
            tags.push(slots.key, value);
        }
        this.writePoint(index, x, y);
    }
    /** Adds a point with the given properties and no id (clusters, whose properties are computed). */
    addPoint(x, y, properties) {
        const tags = this.tags;
        tags.length = 0;
        for (const key in properties) {
            let keyId = this.extraKeys.get(key);
            if (keyId === undefined) {
                keyId = this.keys.length;
                this.keys.push(key);
                this.extraKeys.set(key, keyId);
            }
            const value = properties[key];
            let valueId = this.extraValues.get(value);
            if (valueId === undefined) {
                valueId = this.values.length;
                this.values.push(value);
                this.extraValues.set(value, valueId);
            }
            tags.push(keyId, valueId);
        }
        this.writePoint(undefined, x, y);
    }
    /** The tile's layer message (field 3 of a tile), ready to be joined with other layers; resets for the next tile. */
    finish() {
        const layer = this.layer;
        layer.pos = 0;
        layer.writeMessage(3, writeLayer, this);
        const bytes = layer.buf.slice(0, layer.pos);
        this.features.pos = 0;
        this.keys.length = 0;
        this.values.length = 0;
        this.extraKeys.clear();
        this.extraValues.clear();
        this.count = 0;
        this.stamp += 1;
        return bytes;
    }
    valueIndex(slots, index) {
        const column = slots.column;
        if (column.mode === 'dictionary') {
            const id = column.ids[index];
            if (id === 0)
                return -1;
            if (slots.stamps[id] === this.stamp)
                return slots.slots[id];
            slots.stamps[id] = this.stamp;
            slots.slots[id] = this.values.length;
            this.values.push(column.values[id - 1]);
            return this.values.length - 1;
        }
        if (column.mode === 'number') {
            const number = column.numbers[index];
            if (Number.isNaN(number))
                return -1;
            this.values.push(number);
            return this.values.length - 1;
        }
        const [start, end] = column.textRange(index);
        if (end <= start)
            return -1;
        this.values.push(column.bytes.subarray(start, end));
        return this.values.length - 1;
    }
    writePoint(id, x, y) {
        const point = this.point;
        point.id = id;
        point.x = x;
        point.y = y;
        this.count += 1;
        this.features.writeMessage(2, writePointFeature, point);
    }
    /** @internal used by writeLayer */
    static body(writer, pbf) {
        pbf.writeVarintField(15, 2);
        pbf.writeStringField(1, writer.name);
        // Feature messages were written as field 2 already; copy them verbatim.
        const features = writer.features.buf.subarray(0, writer.features.pos);
        pbf.realloc(features.length);
        pbf.buf.set(features, pbf.pos);
        pbf.pos += features.length;
        for (const key of writer.keys)
            pbf.writeStringField(3, key);
        for (const value of writer.values)
            writeValueMessage(value, pbf);
        pbf.writeVarintField(5, writer.extent);
    }
}
function writeLayer(writer, pbf) {
    MvtLayerWriter.body(writer, pbf);
}
function writePointFeature(feature, pbf) {
    if (feature.id !== undefined)
        pbf.writeVarintField(1, feature.id);
    if (feature.tags.length > 0)
        pbf.writePackedVarint(2, feature.tags);
    pbf.writeVarintField(3, 1);
    pbf.writeMessage(4, writePointGeometry, feature);
}
function writePointGeometry(feature, pbf) {
    pbf.writeVarint(MOVE_TO_ONE);
    pbf.writeSVarint(feature.x);
    pbf.writeSVarint(feature.y);
}
/** Value messages are written by hand: a layer holds millions of them, and pbf's writeMessage measures each twice. */
function writeValue(value, pbf) {
    if (value instanceof Uint8Array)
        return writeStringBytes(value, pbf);
    if (typeof value === 'string')
        pbf.writeStringField(1, value);
    else if (typeof value === 'boolean')
        pbf.writeBooleanField(7, value);
    else if (!Number.isInteger(value) || !Number.isSafeInteger(value))
        pbf.writeDoubleField(3, value);
    else if (value >= 0)
        pbf.writeVarintField(5, value);
    else
        pbf.writeSVarintField(6, value);
}
function writeStringBytes(bytes, pbf) {
    pbf.writeVarint(STRING_VALUE_TAG);
    pbf.writeVarint(bytes.length);
    pbf.realloc(bytes.length);
    pbf.buf.set(bytes, pbf.pos);
    pbf.pos += bytes.length;
}
const VALUE_TAG = (4 << 3) | 2;
/** Writes one value message (field 4 of a layer) with its length computed up front. */
function writeValueMessage(value, pbf) {
    if (value instanceof Uint8Array) {
        pbf.writeVarint(VALUE_TAG);
        pbf.writeVarint(1 + varintLength(value.length) + value.length);
        writeStringBytes(value, pbf);
        return;
    }
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
        pbf.writeVarint(VALUE_TAG);
        pbf.writeVarint(1 + varintLength(value));
        pbf.writeVarintField(5, value);
        return;
    }
    pbf.writeMessage(4, writeValue, value);
}
function varintLength(value) {
    let length = 1;
    for (let v = value; v >= 0x80; v = Math.floor(v / 0x80))
        length++;
    return length;
}
//# sourceMappingURL=mvt_layer_writer.js.map