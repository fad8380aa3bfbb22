import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import type { ArchiveMetadata } from './archive_metadata.js';

/** A tile to store: its PMTiles id (tiles must come in increasing id order) and its gzip-compressed bytes. */
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

const HEADER_BYTES = 127;
/** The spec's limit for header plus root directory, so a reader's first 16 KiB request holds both. */
const ROOT_LIMIT = 16384 - HEADER_BYTES;
const GZIP = 2;
const MVT = 1;

/**
 * Writes a PMTiles v3 archive: header, root directory, gzipped JSON metadata, leaf directories, then tile data in
 * tile-id order (clustered). Identical tiles are stored once; runs of identical consecutive tiles share one entry.
 */
export async function writePmtiles(file: string, tiles: readonly StoredTile[], metadata: ArchiveMetadata): Promise<void> {
  const entries: Entry[] = [];
  const contents = new Map<string, { offset: number; length: number }>();
  const chunks: Uint8Array[] = [];
  let dataLength = 0;
  let previousHash = '';
  for (const tile of tiles) {
    const hash = createHash('sha1').update(tile.data).digest('base64');
    const last = entries[entries.length - 1];
    if (last && hash === previousHash && last.tileId + last.runLength === tile.tileId) {
      last.runLength++;
      continue;
    }
    let stored = contents.get(hash);
    if (!stored) {
      stored = { offset: dataLength, length: tile.data.length };
      contents.set(hash, stored);
      chunks.push(tile.data);
      dataLength += tile.data.length;
    }
    entries.push({ tileId: tile.tileId, offset: stored.offset, length: stored.length, runLength: 1 });
    previousHash = hash;
  }
  const { root, leaves } = buildDirectories(entries);
  const meta = gzipSync(Buffer.from(JSON.stringify(metadata), 'utf8'));
  const rootOffset = HEADER_BYTES;
  const metadataOffset = rootOffset + root.length;
  const leavesOffset = metadataOffset + meta.length;
  const dataOffset = leavesOffset + leaves.length;
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('PMTiles', 0, 'ascii');
  header.writeUInt8(3, 7);
  const u64 = [rootOffset, root.length, metadataOffset, meta.length, leavesOffset, leaves.length, dataOffset, dataLength];
  u64.forEach((value, i) => header.writeBigUInt64LE(BigInt(value), 8 + i * 8));
  header.writeBigUInt64LE(BigInt(entries.reduce((sum, entry) => sum + entry.runLength, 0)), 72);
  header.writeBigUInt64LE(BigInt(entries.length), 80);
  header.writeBigUInt64LE(BigInt(contents.size), 88);
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

  const handle = await open(file, 'w');
  try {
    await handle.writev([header, root, meta, leaves]);
    // writev takes a bounded number of buffers per call on some platforms; write the tile data in slices.
    for (let i = 0; i < chunks.length; i += 1024) await handle.writev(chunks.slice(i, i + 1024));
    await handle.sync();
  } finally {
    await handle.close();
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
