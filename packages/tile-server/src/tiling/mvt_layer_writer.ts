import { PbfWriter } from 'pbf';
import './pbf_utf8_fix.js';

/** A property value as MVT can carry it; objects and arrays are written as JSON text, as tippecanoe does. */
export type TileValue = string | number | boolean;

/** MVT command integers: MoveTo with a count of one, and the zigzag encoding of deltas. */
const MOVE_TO_ONE = (1 & 7) | (1 << 3);

/**
 * Writes one MVT layer feature by feature, without building intermediate objects: the point path of the build
 * calls it millions of times. Keys and values are deduplicated per layer, in first-use order, so output is stable.
 */
/** Scratch buffers reused from tile to tile: growing a fresh writer per tile dominated the point path. */
const scratch = { features: new PbfWriter(new Uint8Array(1 << 16)), layer: new PbfWriter(new Uint8Array(1 << 16)), busy: false };

export class MvtLayerWriter {
  private readonly pbf: PbfWriter;
  private readonly layerPbf: PbfWriter;
  private readonly ownsScratch: boolean;
  private readonly keys = new Map<string, number>();
  private readonly strings = new Map<string, number>();
  private readonly numbers = new Map<number, number>();
  private readonly booleans = new Map<boolean, number>();
  private readonly values: TileValue[] = [];
  private readonly tags: number[] = [];
  private readonly feature = { id: undefined as number | undefined, x: 0, y: 0, tags: this.tags };
  private count = 0;

  constructor(
    private readonly name: string,
    private readonly extent = 4096,
  ) {
    this.ownsScratch = !scratch.busy;
    if (this.ownsScratch) {
      scratch.busy = true;
      scratch.features.pos = 0;
      this.pbf = scratch.features;
      this.layerPbf = scratch.layer;
    } else {
      this.pbf = new PbfWriter();
      this.layerPbf = new PbfWriter();
    }
  }

  /** Number of features written so far. */
  get size(): number {
    return this.count;
  }

  /** Adds a point feature at tile coordinates (x, y); `id` undefined writes no id. */
  addPoint(id: number | undefined, x: number, y: number, properties: Readonly<Record<string, unknown>> | null): void {
    this.collectTags(properties);
    const feature = this.feature;
    feature.id = id;
    feature.x = x;
    feature.y = y;
    this.count += 1;
    this.pbf.writeMessage(2, writePointFeature, feature);
  }

  /** The layer message bytes (field 3 of a tile), ready to be concatenated with other layers into one tile. */
  finish(): Uint8Array {
    const layer = this.layerPbf;
    layer.pos = 0;
    layer.writeMessage(3, writeLayer, this);
    const bytes = layer.buf.slice(0, layer.pos);
    if (this.ownsScratch) scratch.busy = false;
    return bytes;
  }

  private collectTags(properties: Readonly<Record<string, unknown>> | null): void {
    const tags = this.tags;
    tags.length = 0;
    if (!properties) return;
    for (const key in properties) {
      const raw = properties[key];
      if (raw === null || raw === undefined) continue;
      let keyId = this.keys.get(key);
      if (keyId === undefined) {
        keyId = this.keys.size;
        this.keys.set(key, keyId);
      }
      tags.push(keyId, this.valueId(typeof raw === 'object' ? JSON.stringify(raw) : (raw as TileValue)));
    }
  }

  private valueId(value: TileValue): number {
    const index: Map<TileValue, number> = typeof value === 'string' ? this.strings : typeof value === 'number' ? this.numbers : this.booleans;
    let id = index.get(value);
    if (id === undefined) {
      id = this.values.length;
      index.set(value, id);
      this.values.push(value);
    }
    return id;
  }

  /** @internal used by writeLayer */
  static body(writer: MvtLayerWriter, pbf: PbfWriter): void {
    pbf.writeVarintField(15, 2);
    pbf.writeStringField(1, writer.name);
    // Feature messages were written as field 2 already; copy them verbatim.
    const features = writer.pbf.buf.subarray(0, writer.pbf.pos);
    pbf.realloc(features.length);
    pbf.buf.set(features, pbf.pos);
    pbf.pos += features.length;
    for (const key of writer.keys.keys()) pbf.writeStringField(3, key);
    for (const value of writer.values) pbf.writeMessage(4, writeValue, value);
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

function writeValue(value: TileValue, pbf: PbfWriter): void {
  if (typeof value === 'string') pbf.writeStringField(1, value);
  else if (typeof value === 'boolean') pbf.writeBooleanField(7, value);
  else if (!Number.isInteger(value) || !Number.isSafeInteger(value)) pbf.writeDoubleField(3, value);
  else if (value >= 0) pbf.writeVarintField(5, value);
  else pbf.writeSVarintField(6, value);
}
