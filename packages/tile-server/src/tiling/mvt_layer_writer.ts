import { PbfWriter } from 'pbf';
import type { FeatureStore, PropertyColumn, PropertyValue } from '../ingest/feature_store.js';
import './pbf_utf8_fix.js';

/** MVT command integers: MoveTo with a count of one. */
const MOVE_TO_ONE = (1 & 7) | (1 << 3);
const STRING_VALUE_TAG = (1 << 3) | 2;
const LAYER_TAG = (3 << 3) | 2;
const NAME_TAG = (1 << 3) | 2;
const VALUE_TAG = (4 << 3) | 2;
const VERSION_TAG = 15 << 3;
const EXTENT_TAG = 5 << 3;
const utf8 = new TextEncoder();

interface ColumnSlots {
  readonly column: PropertyColumn;
  /** The column's key message (field 3 of a layer), encoded once. */
  readonly keyMessage: Uint8Array;
  /** Key index in this tile, valid when keyStamp equals the tile's stamp. */
  key: number;
  keyStamp: number;
  /** Dictionary columns: per dictionary id, the tile's value index, valid when stamps match. */
  readonly slots: Int32Array;
  readonly stamps: Int32Array;
  /** Dictionary columns: per dictionary id, its value message, encoded the first time a tile uses it. */
  readonly valueMessages: (Uint8Array | undefined)[];
}

/**
 * Writes the point features of one MVT layer, tile after tile, straight from a {@link FeatureStore}: property values
 * are looked up through the store's dictionaries (stamp arrays, no maps or objects per feature), text of mostly-unique
 * columns is copied as bytes. Keys and values are deduplicated per tile in first-use order, so output is stable, and
 * written as they are first used: a tile's value table is bytes from the start, never a list of values to encode.
 * One writer serves a whole layer; `finish` returns each tile's layer message and makes the writer ready for the next.
 */
export class MvtLayerWriter {
  private readonly features = new PbfWriter(new Uint8Array(1 << 16));
  private readonly keys = new PbfWriter(new Uint8Array(1 << 12));
  private readonly values = new PbfWriter(new Uint8Array(1 << 16));
  private keyCount = 0;
  private valueCount = 0;
  private readonly extraKeys = new Map<string, number>();
  private readonly extraValues = new Map<PropertyValue, number>();
  private readonly columns: ColumnSlots[];
  private readonly nameBytes: Uint8Array;
  private readonly tags: number[] = [];
  private readonly point = { id: undefined as number | undefined, x: 0, y: 0, tags: this.tags };
  private stamp = 1;
  private count = 0;

  constructor(
    name: string,
    private readonly store: FeatureStore | undefined,
    private readonly extent = 4096,
  ) {
    this.nameBytes = utf8.encode(name);
    this.columns = store
      ? [...store.columns.values()].map((column) => {
          const size = column.mode === 'dictionary' ? column.values.length + 1 : 0;
          return {
            column,
            keyMessage: keyMessage(column.name),
            key: 0,
            keyStamp: 0,
            slots: new Int32Array(size),
            stamps: new Int32Array(size),
            valueMessages: [],
          };
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
        slots.key = this.addKey(slots.keyMessage);
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
        keyId = this.addKey(keyMessage(key));
        this.extraKeys.set(key, keyId);
      }
      const value = properties[key]!;
      let valueId = this.extraValues.get(value);
      if (valueId === undefined) {
        writeValueMessage(value, this.values);
        valueId = this.valueCount++;
        this.extraValues.set(value, valueId);
      }
      tags.push(keyId, valueId);
    }
    this.writePoint(undefined, x, y);
  }

  /** The tile's layer message (field 3 of a tile), ready to be joined with other layers; resets for the next tile. */
  finish(): Uint8Array {
    const features = this.features.buf.subarray(0, this.features.pos);
    const keys = this.keys.buf.subarray(0, this.keys.pos);
    const values = this.values.buf.subarray(0, this.values.pos);
    const bodyLength =
      2 + 1 + varintLength(this.nameBytes.length) + this.nameBytes.length + features.length + keys.length + values.length + 1 + varintLength(this.extent);
    const length = 1 + varintLength(bodyLength) + bodyLength;
    // Exactly sized once, not grown and then cut: a build writes hundreds of megabytes of tiles.
    const out = new Uint8Array(Buffer.allocUnsafeSlow(length).buffer, 0, length);
    let at = putVarint(out, 0, LAYER_TAG);
    at = putVarint(out, at, bodyLength);
    at = putVarint(out, at, VERSION_TAG);
    at = putVarint(out, at, 2);
    at = putVarint(out, at, NAME_TAG);
    at = putVarint(out, at, this.nameBytes.length);
    for (const part of [this.nameBytes, features, keys, values]) {
      out.set(part, at);
      at += part.length;
    }
    at = putVarint(out, at, EXTENT_TAG);
    putVarint(out, at, this.extent);
    this.features.pos = 0;
    this.keys.pos = 0;
    this.values.pos = 0;
    this.keyCount = 0;
    this.valueCount = 0;
    this.extraKeys.clear();
    this.extraValues.clear();
    this.count = 0;
    this.stamp += 1;
    return out;
  }

  private addKey(message: Uint8Array): number {
    append(this.keys, message);
    return this.keyCount++;
  }

  private valueIndex(slots: ColumnSlots, index: number): number {
    const column = slots.column;
    if (column.mode === 'dictionary') {
      const id = column.ids[index]!;
      if (id === 0) return -1;
      if (slots.stamps[id] === this.stamp) return slots.slots[id]!;
      slots.stamps[id] = this.stamp;
      let message = slots.valueMessages[id];
      if (message === undefined) {
        const pbf = new PbfWriter(new Uint8Array(16));
        writeValueMessage(column.values[id - 1]!, pbf);
        message = slots.valueMessages[id] = pbf.buf.slice(0, pbf.pos);
      }
      append(this.values, message);
      slots.slots[id] = this.valueCount;
      return this.valueCount++;
    }
    if (column.mode === 'number') {
      const number = column.numbers[index]!;
      if (Number.isNaN(number)) return -1;
      writeValueMessage(number, this.values);
      return this.valueCount++;
    }
    const length = column.textLength(index);
    if (length === 0) return -1;
    const pbf = this.values;
    pbf.writeVarint(VALUE_TAG);
    pbf.writeVarint(1 + varintLength(length) + length);
    pbf.writeVarint(STRING_VALUE_TAG);
    pbf.writeVarint(length);
    pbf.realloc(length);
    column.copyText(index, pbf.buf, pbf.pos);
    pbf.pos += length;
    return this.valueCount++;
  }

  private writePoint(id: number | undefined, x: number, y: number): void {
    const point = this.point;
    point.id = id;
    point.x = x;
    point.y = y;
    this.count += 1;
    this.features.writeMessage(2, writePointFeature, point);
  }
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
function writeValue(value: PropertyValue, pbf: PbfWriter): void {
  if (typeof value === 'string') pbf.writeStringField(1, value);
  else if (typeof value === 'boolean') pbf.writeBooleanField(7, value);
  else if (!Number.isInteger(value) || !Number.isSafeInteger(value)) pbf.writeDoubleField(3, value);
  else if (value >= 0) pbf.writeVarintField(5, value);
  else pbf.writeSVarintField(6, value);
}

/** Writes one value message (field 4 of a layer) with its length computed up front. */
function writeValueMessage(value: PropertyValue, pbf: PbfWriter): void {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
    pbf.writeVarint(VALUE_TAG);
    pbf.writeVarint(1 + varintLength(value));
    pbf.writeVarintField(5, value);
    return;
  }
  pbf.writeMessage(4, writeValue, value);
}

/** A key message (field 3 of a layer). */
function keyMessage(key: string): Uint8Array {
  const pbf = new PbfWriter(new Uint8Array(16));
  pbf.writeStringField(3, key);
  return pbf.buf.slice(0, pbf.pos);
}

/** Appends bytes already encoded; short ones (most values) are copied by hand, which beats `set` on a fresh view. */
function append(pbf: PbfWriter, bytes: Uint8Array): void {
  pbf.realloc(bytes.length);
  if (bytes.length < 64) {
    const buf = pbf.buf;
    let at = pbf.pos;
    for (let i = 0; i < bytes.length; i++) buf[at++] = bytes[i]!;
  } else pbf.buf.set(bytes, pbf.pos);
  pbf.pos += bytes.length;
}

/** Writes a varint at `at` of a buffer known to have room; returns where it ends. */
function putVarint(buf: Uint8Array, at: number, value: number): number {
  let v = value;
  while (v >= 0x80) {
    buf[at++] = (v & 0x7f) | 0x80;
    v = Math.floor(v / 0x80);
  }
  buf[at++] = v;
  return at;
}

function varintLength(value: number): number {
  let length = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 0x80)) length++;
  return length;
}
