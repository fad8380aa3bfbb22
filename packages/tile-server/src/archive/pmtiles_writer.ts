import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { ArchiveMetadata } from './archive_metadata.js';

const HEADER_BYTES = 127;
/** The spec's limit for header plus root directory, so a reader's first 16 KiB request holds both. */
const ROOT_LIMIT = 16384 - HEADER_BYTES;
const GZIP = 2;
/** Tile data is laid out in tile-id order this many bytes at a time. */
const WINDOW = 1 << 22;
/** Bytes of other tiles worth reading over to join two stretches of the side file into one read. */
const STRETCH_GAP = 1 << 16;
const MVT = 1;

/** A tile to store: its PMTiles id and its gzip-compressed bytes. */
export interface StoredTile {
  readonly tileId: number;
  readonly data: Uint8Array;
}

interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

/** Writes a whole archive from tiles already in memory (small archives, conversions). */
export async function writePmtiles(file: string, tiles: readonly StoredTile[], metadata: ArchiveMetadata): Promise<void> {
  const writer = await PmtilesWriter.create(file);
  try {
    for (const tile of tiles) await writer.add(tile.tileId, tile.data);
    await writer.finish(metadata);
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

/**
 * Writes a PMTiles v3 archive as tiles arrive, in any order: tile data is appended to a side file as it comes
 * (identical tiles stored once), only the directory entries are kept, as typed arrays, and `finish` writes header,
 * root directory, gzipped JSON metadata and leaf directories, then the tile data behind them in tile-id order. Memory stays at
 * about 20 bytes a tile, whatever the archive's size.
 */
export class PmtilesWriter {
  private ids = new Float64Array(1024);
  private offsets = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  private count = 0;
  private dataLength = 0;
  private readonly contents = new Map<string, number>();
  private pending: Buffer[] = [];
  private scratch = Buffer.allocUnsafeSlow(0);
  private pendingBytes = 0;

  private constructor(
    private readonly file: string,
    private readonly dataFile: string,
    private readonly data: FileHandle,
  ) {}

  static async create(file: string): Promise<PmtilesWriter> {
    const dataFile = `${file}.data`;
    return new PmtilesWriter(file, dataFile, await open(dataFile, 'w+'));
  }

  /** Adds a tile's gzip-compressed bytes under its PMTiles id; each id once. */
  async add(tileId: number, gzip: Uint8Array): Promise<void> {
    const hash = createHash('sha1').update(gzip).digest('base64');
    let offset = this.contents.get(hash);
    if (offset === undefined) {
      offset = this.dataLength;
      this.contents.set(hash, offset);
      this.pending.push(Buffer.from(gzip.buffer, gzip.byteOffset, gzip.byteLength));
      this.pendingBytes += gzip.byteLength;
      this.dataLength += gzip.byteLength;
      if (this.pendingBytes >= 1 << 22) await this.flush();
    }
    if (this.count === this.ids.length) this.grow();
    this.ids[this.count] = tileId;
    this.offsets[this.count] = offset;
    this.lengths[this.count] = gzip.byteLength;
    this.count += 1;
  }

  get tiles(): number {
    return this.count;
  }

  get bytes(): number {
    return this.dataLength;
  }

  /**
   * Writes the finished archive to `file`, tile data in tile-id order (clustered, so a reader's neighbouring tiles are
   * neighbouring bytes); the side file is removed.
   */
  async finish(metadata: ArchiveMetadata): Promise<void> {
    // The side file is read back at once and removed: no need to sync it.
    await this.flush();
    const { entries, moves } = this.clusteredEntries();
    const { root, leaves } = buildDirectories(entries);
    const meta = gzipSync(Buffer.from(JSON.stringify(metadata), 'utf8'));
    const rootOffset = HEADER_BYTES;
    const metadataOffset = rootOffset + root.length;
    const leavesOffset = metadataOffset + meta.length;
    const dataOffset = leavesOffset + leaves.length;
    const header = Buffer.alloc(HEADER_BYTES);
    header.write('PMTiles', 0, 'ascii');
    header.writeUInt8(3, 7);
    const u64 = [rootOffset, root.length, metadataOffset, meta.length, leavesOffset, leaves.length, dataOffset, this.dataLength];
    u64.forEach((value, i) => header.writeBigUInt64LE(BigInt(value), 8 + i * 8));
    header.writeBigUInt64LE(BigInt(entries.reduce((sum, entry) => sum + entry.runLength, 0)), 72);
    header.writeBigUInt64LE(BigInt(entries.length), 80);
    header.writeBigUInt64LE(BigInt(this.contents.size), 88);
    header.writeUInt8(1, 96);
    header.writeUInt8(GZIP, 97);
    header.writeUInt8(GZIP, 98);
    header.writeUInt8(MVT, 99);
    header.writeUInt8(metadata.minzoom, 100);
    header.writeUInt8(metadata.maxzoom, 101);
    const e7 = (degrees: number) => Math.round(degrees * 1e7);
    header.writeInt32LE(e7(metadata.bounds[0]), 102);
    header.writeInt32LE(e7(metadata.bounds[1]), 106);
    header.writeInt32LE(e7(metadata.bounds[2]), 110);
    header.writeInt32LE(e7(metadata.bounds[3]), 114);
    header.writeUInt8(metadata.center[2], 118);
    header.writeInt32LE(e7(metadata.center[0]), 119);
    header.writeInt32LE(e7(metadata.center[1]), 123);
    const out = await open(this.file, 'w');
    try {
      await out.writev([header, root, meta, leaves]);
      // Tile bytes move from production order to tile-id order, a few megabytes at a time.
      let position = dataOffset;
      let buffer = Buffer.allocUnsafeSlow(WINDOW);
      for (let i = 0; i < moves.length; ) {
        let size = 0;
        let j = i;
        while (j < moves.length && (j === i || size + moves[j]!.length <= WINDOW)) size += moves[j++]!.length;
        if (size > buffer.length) buffer = Buffer.allocUnsafeSlow(size);
        await this.gather(moves, i, j, buffer);
        await out.write(buffer, 0, size, position);
        position += size;
        i = j;
      }
      await out.sync();
    } finally {
      await out.close();
      await this.data.close();
      await rm(this.dataFile, { force: true });
    }
  }

  /**
   * Reads the tiles of moves i … j − 1 into `buffer`, back to back. Neighbouring tile ids were made close together,
   * so their bytes lie in a few stretches of the side file: each stretch is read once, not each tile (a read per
   * tile made writing a national archive's data take seconds).
   */
  private async gather(moves: ReadonlyArray<{ from: number; length: number }>, i: number, j: number, buffer: Buffer): Promise<void> {
    const pieces: Array<{ from: number; length: number; to: number }> = [];
    for (let k = i, to = 0; k < j; to += moves[k]!.length, k++) pieces.push({ ...moves[k]!, to });
    pieces.sort((a, b) => a.from - b.from);
    for (let first = 0; first < pieces.length; ) {
      const start = pieces[first]!.from;
      let end = start + pieces[first]!.length;
      let last = first + 1;
      // Joined while the gap is small and the stretch stays within two windows, so the scratch buffer is bounded.
      for (let next = pieces[last]; next && next.from <= end + STRETCH_GAP && next.from + next.length - start <= 2 * WINDOW; next = pieces[++last]) {
        end = Math.max(end, next.from + next.length);
      }
      if (this.scratch.length < end - start) this.scratch = Buffer.allocUnsafeSlow(end - start);
      const { bytesRead } = await this.data.read(this.scratch, 0, end - start, start);
      if (bytesRead !== end - start) throw new Error(`${this.dataFile}: short read at ${start}`);
      for (const piece of pieces.slice(first, last)) this.scratch.copy(buffer, piece.to, piece.from - start, piece.from - start + piece.length);
      first = last;
    }
  }

  /** Removes what was written so far. */
  async abort(): Promise<void> {
    await this.data.close().catch(() => undefined);
    await rm(this.dataFile, { force: true });
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunks = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    // writev takes a bounded number of buffers per call on some platforms; write in slices.
    for (let i = 0; i < chunks.length; i += 1024) await this.data.writev(chunks.slice(i, i + 1024));
  }

  private grow(): void {
    const size = this.ids.length * 2;
    const ids = new Float64Array(size);
    ids.set(this.ids);
    this.ids = ids;
    const offsets = new Float64Array(size);
    offsets.set(this.offsets);
    this.offsets = offsets;
    const lengths = new Uint32Array(size);
    lengths.set(this.lengths);
    this.lengths = lengths;
  }

  /**
   * Entries in tile-id order, runs of identical consecutive tiles joined into one entry, with offsets of the data
   * laid out in that order (each distinct tile once), and the copies that lay it out from the side file.
   */
  private clusteredEntries(): { entries: Entry[]; moves: Array<{ from: number; length: number }> } {
    const order = Array.from({ length: this.count }, (_, i) => i).sort((a, b) => this.ids[a]! - this.ids[b]!);
    const placed = new Map<number, number>();
    const moves: Array<{ from: number; length: number }> = [];
    let next = 0;
    const entries: Entry[] = [];
    for (const i of order) {
      const tileId = this.ids[i]!;
      const from = this.offsets[i]!;
      const length = this.lengths[i]!;
      let offset = placed.get(from);
      if (offset === undefined) {
        offset = next;
        placed.set(from, offset);
        moves.push({ from, length });
        next += length;
      }
      const last = entries[entries.length - 1];
      if (last && last.offset === offset && last.tileId + last.runLength === tileId) {
        last.runLength++;
        continue;
      }
      entries.push({ tileId, offset, length, runLength: 1 });
    }
    return { entries, moves };
  }
}

/** Root directory alone when it fits in 16 KiB with the header; otherwise leaves of a size that makes the root fit. */
function buildDirectories(entries: readonly Entry[]): { root: Buffer; leaves: Buffer } {
  const root = gzipSync(serializeDirectory(entries));
  if (root.length <= ROOT_LIMIT) return { root, leaves: Buffer.alloc(0) };
  for (let leafSize = 4096; ; leafSize *= 2) {
    const rootEntries: Entry[] = [];
    const leafBuffers: Buffer[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += leafSize) {
      const leaf = gzipSync(serializeDirectory(entries.slice(i, i + leafSize)));
      rootEntries.push({ tileId: entries[i]!.tileId, offset, length: leaf.length, runLength: 0 });
      leafBuffers.push(leaf);
      offset += leaf.length;
    }
    const candidate = gzipSync(serializeDirectory(rootEntries));
    if (candidate.length <= ROOT_LIMIT) return { root: candidate, leaves: Buffer.concat(leafBuffers) };
  }
}

/** Directory encoding of the spec: count, then tile-id deltas, run lengths, lengths and offsets, column by column. */
function serializeDirectory(entries: readonly Entry[]): Buffer {
  const out: number[] = [];
  writeVarint(out, entries.length);
  let lastId = 0;
  for (const entry of entries) {
    writeVarint(out, entry.tileId - lastId);
    lastId = entry.tileId;
  }
  for (const entry of entries) writeVarint(out, entry.runLength);
  for (const entry of entries) writeVarint(out, entry.length);
  entries.forEach((entry, i) => {
    const previous = entries[i - 1];
    // 0 means "right after the previous entry's data", saving bytes for the usual clustered layout.
    writeVarint(out, previous && entry.offset === previous.offset + previous.length ? 0 : entry.offset + 1);
  });
  return Buffer.from(out);
}

function writeVarint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}
