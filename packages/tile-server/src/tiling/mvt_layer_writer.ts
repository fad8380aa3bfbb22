import { PbfWriter } from 'pbf';
import type { FeatureStore, PropertyColumn, PropertyValue } from '../ingest/feature_store.js';
import './pbf_utf8_fix.js';

/** MVT command integers: MoveTo with a count of one. */
const MOVE_TO_ONE = (1 & 7) | (1 << 3);
const STRING_VALUE_TAG = (1 << 3) | 2;

/** A value of the tile's value table: a property value, or a text column's UTF-8 bytes copied as they are. */
type TileValue = PropertyValue | Uint8Array;

interface ColumnSlots {
  readonly column: PropertyColumn;
  /** Key index in this tile, valid when keyStamp equals the tile's stamp. */
  key: number;
  keyStamp: number;
  /** Dictionary columns: per dictionary id, the tile's value index, valid when stamps match. */
  readonly slots: Int32Array;
  readonly stamps: Int32Array;
}

/**
 * Writes the point features of one MVT layer, tile after tile, straight from a {@link FeatureStore}: property values
 * are looked up through the store's dictionaries (stamp arrays, no maps or objects per feature), text of mostly-unique
 * columns is copied as bytes. Keys and values are deduplicated per tile in first-use order, so output is stable.
 * One writer serves a whole layer; `finish` returns each tile's layer message and makes the writer ready for the next.
 */
export class MvtLayerWriter {
  private readonly features = new PbfWriter(new Uint8Array(1 << 16));
  private readonly layer = new PbfWriter(new Uint8Array(1 << 16));
  private readonly keys: string[] = [];
  private readonly values: TileValue[] = [];
  private readonly extraKeys = new Map<string, number>();
  private readonly extraValues = new Map<PropertyValue, number>();
  private readonly columns: ColumnSlots[];
  private readonly tags: number[] = [];
  private readonly point = { id: undefined as number | undefined, x: 0, y: 0, tags: this.tags };
  private stamp = 1;
  private count = 0;

  constructor(
    private readonly name: string,
    private readonly store: FeatureStore | undefined,
    private readonly extent = 4096,
  ) {
    this.columns = store
      ? [...store.columns.values()].map((column) => {
          const size = column.mode === 'dictionary' ? column.values.length + 1 : 0;
          return { column, key: 0, keyStamp: 0, slots: new Int32Array(size), stamps: new Int32Array(size) };
        })
      : [];
  }

  /** Number of features written to the current tile. */
  get size(): number {
    return this.count;
  }

  /** Adds feature `index` of the store as a point at tile coordinates (x, y), with the feature's id. */
  addFeature(index: number, x: number, y: number): void {
    const tags = this.tags;
    tags.length = 0;
    for (const slots of this.columns) {
      const value = this.valueIndex(slots, index);
      if (value < 0) continue;
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
  addPoint(x: number, y: number, properties: Readonly<Record<string, PropertyValue>>): void {
    const tags = this.tags;
    tags.length = 0;
    for (const key in properties) {
      let keyId = this.extraKeys.get(key);
      if (keyId === undefined) {
        keyId = this.keys.length;
        this.keys.push(key);
        this.extraKeys.set(key, keyId);
      }
      const value = properties[key]!;
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
  finish(): Uint8Array {
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

  private valueIndex(slots: ColumnSlots, index: number): number {
    const column = slots.column;
    if (column.mode === 'dictionary') {
      const id = column.ids[index]!;
      if (id === 0) return -1;
      if (slots.stamps[id] === this.stamp) return slots.slots[id]!;
      slots.stamps[id] = this.stamp;
      slots.slots[id] = this.values.length;
      this.values.push(column.values[id - 1]!);
      return this.values.length - 1;
    }
    if (column.mode === 'number') {
      const number = column.numbers[index]!;
      if (Number.isNaN(number)) return -1;
      this.values.push(number);
      return this.values.length - 1;
    }
    const bytes = column.textBytes(index);
    if (!bytes) return -1;
    this.values.push(bytes);
    return this.values.length - 1;
  }

  private writePoint(id: number | undefined, x: number, y: number): void {
    const point = this.point;
    point.id = id;
    point.x = x;
    point.y = y;
    this.count += 1;
    this.features.writeMessage(2, writePointFeature, point);
  }

  /** @internal used by writeLayer */
  static body(writer: MvtLayerWriter, pbf: PbfWriter): void {
    pbf.writeVarintField(15, 2);
    pbf.writeStringField(1, writer.name);
    // Feature messages were written as field 2 already; copy them verbatim.
    const features = writer.features.buf.subarray(0, writer.features.pos);
    pbf.realloc(features.length);
    pbf.buf.set(features, pbf.pos);
    pbf.pos += features.length;
    for (const key of writer.keys) pbf.writeStringField(3, key);
    for (const value of writer.values) writeValueMessage(value, pbf);
    pbf.writeVarintField(5, writer.extent);
  }
}

function writeLayer(writer: MvtLayerWriter, pbf: PbfWriter): void {
  MvtLayerWriter.body(writer, pbf);
}

function writePointFeature(feature: { id: number | undefined; x: number; y: number; tags: number[] }, pbf: PbfWriter): void {
  if (feature.id !== undefined) pbf.writeVarintField(1, feature.id);
  if (feature.tags.length > 0) pbf.writePackedVarint(2, feature.tags);
  pbf.writeVarintField(3, 1);
  pbf.writeMessage(4, writePointGeometry, feature);
}

function writePointGeometry(feature: { x: number; y: number }, pbf: PbfWriter): void {
  pbf.writeVarint(MOVE_TO_ONE);
  pbf.writeSVarint(feature.x);
  pbf.writeSVarint(feature.y);
}

/** Value messages are written by hand: a layer holds millions of them, and pbf's writeMessage measures each twice. */
function writeValue(value: TileValue, pbf: PbfWriter): void {
  if (value instanceof Uint8Array) return writeStringBytes(value, pbf);
  if (typeof value === 'string') pbf.writeStringField(1, value);
  else if (typeof value === 'boolean') pbf.writeBooleanField(7, value);
  else if (!Number.isInteger(value) || !Number.isSafeInteger(value)) pbf.writeDoubleField(3, value);
  else if (value >= 0) pbf.writeVarintField(5, value);
  else pbf.writeSVarintField(6, value);
}

function writeStringBytes(bytes: Uint8Array, pbf: PbfWriter): void {
  pbf.writeVarint(STRING_VALUE_TAG);
  pbf.writeVarint(bytes.length);
  pbf.realloc(bytes.length);
  pbf.buf.set(bytes, pbf.pos);
  pbf.pos += bytes.length;
}

const VALUE_TAG = (4 << 3) | 2;

/** Writes one value message (field 4 of a layer) with its length computed up front. */
function writeValueMessage(value: TileValue, pbf: PbfWriter): void {
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

function varintLength(value: number): number {
  let length = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 0x80)) length++;
  return length;
}
