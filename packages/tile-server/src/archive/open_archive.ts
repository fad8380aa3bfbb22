import Database from 'better-sqlite3';
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Compression, PMTiles, type Source } from 'pmtiles';
import { SafeMapError } from '../errors.js';
import { checkArchive } from './check_archive.js';

/** The three archive kinds a build writes and the server reads. */
export type ArchiveFormat = 'pmtiles' | 'mbtiles' | 'directory';

/** Read access to a tile archive of any format. */
export interface TileArchive {
  readonly format: ArchiveFormat;
  readonly file: string;
  /** The archive's metadata: PMTiles JSON metadata, MBTiles rows (`json` merged in), or `metadata.json`. */
  metadata(): Promise<Record<string, unknown>>;
  /** The tile's uncompressed MVT bytes, or undefined when the archive has no such tile. */
  getTile(z: number, x: number, y: number): Promise<Uint8Array | undefined>;
  /** The tile's bytes as stored (usually gzip), so a server can send them without compressing them again. */
  getStoredTile(z: number, x: number, y: number): Promise<Uint8Array | undefined>;
  /** Tiles the archive addresses, when its format records it (PMTiles' header). */
  tileCount?(): Promise<number>;
  close(): Promise<void>;
}

/** The format a path names: `.pmtiles`, `.mbtiles`, otherwise a tile directory. */
export function formatForPath(file: string): ArchiveFormat {
  const extension = path.extname(file).toLowerCase();
  return extension === '.pmtiles' ? 'pmtiles' : extension === '.mbtiles' ? 'mbtiles' : 'directory';
}

/** Opens an archive for reading; a missing or corrupt one is an ARCHIVE_INVALID error naming the file. */
export async function openArchive(file: string, options: { inMemory?: boolean } = {}): Promise<TileArchive> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    throw new SafeMapError('ARCHIVE_INVALID', `${file}: cannot open the archive (${(error as Error).message})`, { file }, { cause: error });
  }
  if (info.isDirectory()) {
    await checkArchive(file, 'directory');
    return new DirectoryArchive(file);
  }
  const format = formatForPath(file);
  try {
    if (format !== 'directory') await checkArchive(file, format);
    if (format === 'mbtiles') return new MbtilesArchive(file);
    if (format === 'pmtiles') return await PmtilesArchive.open(file, options.inMemory ?? false);
  } catch (error) {
    if (error instanceof SafeMapError) throw error;
    throw new SafeMapError('ARCHIVE_INVALID', `${file}: not a readable ${format} archive (${(error as Error).message})`, { file }, { cause: error });
  }
  throw new SafeMapError('ARCHIVE_INVALID', `${file}: not a tile archive (expected .pmtiles, .mbtiles or a z/x/y directory)`, { file });
}

/** Archives may hold gzip-compressed tiles (MBTiles and PMTiles by convention); readers get MVT bytes. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function unzippedOrNone(bytes: Uint8Array | undefined): Uint8Array | undefined {
  return bytes && isGzip(bytes) ? gunzipSync(bytes) : bytes;
}

/**
 * A pmtiles `Source` over a local file for one-off reads (a header, a check): each read opens the file, so nothing
 * stays open between them. Served archives use {@link openArchive}, which keeps one handle.
 */
export function fileRangeSource(file: string): Source {
  return {
    getKey: () => file,
    async getBytes(offset: number, length: number) {
      const handle = await open(file, 'r');
      try {
        const buffer = new Uint8Array(length);
        const { bytesRead } = await handle.read(buffer, 0, length, offset);
        return { data: buffer.buffer.slice(0, bytesRead) };
      } finally {
        await handle.close();
      }
    },
  };
}

/** A pmtiles `Source` over a local file, reading byte ranges with positional reads, or from a copy in memory. */
class NodeFileSource implements Source {
  constructor(
    private readonly handle: FileHandle,
    private readonly file: string,
    private readonly bytes: Buffer | undefined,
    /** File size when opened: a later read that gets less than this promised was cut short underneath. */
    private readonly size: number,
  ) {}

  getKey(): string {
    return this.file;
  }

  async getBytes(offset: number, length: number): Promise<{ data: ArrayBuffer }> {
    if (this.bytes) {
      const slice = this.bytes.subarray(offset, offset + length);
      return { data: slice.buffer.slice(slice.byteOffset, slice.byteOffset + slice.byteLength) as ArrayBuffer };
    }
    const buffer = new Uint8Array(length);
    const { bytesRead } = await this.handle.read(buffer, 0, length, offset);
    // The first read asks for 16 KiB whatever the size; only bytes the file had when opened must be there.
    if (bytesRead < Math.min(length, this.size - offset)) {
      throw new SafeMapError('ARCHIVE_INVALID', `${this.file}: ${bytesRead} of ${length} bytes at ${offset}: the file was cut short after it was opened`, { file: this.file });
    }
    return { data: buffer.buffer.slice(0, bytesRead) };
  }
}

class PmtilesArchive implements TileArchive {
  readonly format = 'pmtiles' as const;

  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
    private readonly reader: PMTiles,
  ) {}

  static async open(file: string, inMemory: boolean): Promise<PmtilesArchive> {
    const handle = await open(file, 'r');
    const bytes = inMemory ? await handle.readFile() : undefined;
    const size = bytes?.length ?? (await handle.stat()).size;
    const reader = new PMTiles(new NodeFileSource(handle, file, bytes, size), undefined, async (buffer, compression) => {
      if (compression === Compression.None || compression === Compression.Unknown) return buffer;
      if (compression !== Compression.Gzip) throw new SafeMapError('ARCHIVE_INVALID', `${file}: unsupported compression ${compression}`);
      const out = gunzipSync(new Uint8Array(buffer));
      return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
    });
    try {
      await reader.getHeader();
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new PmtilesArchive(file, handle, reader);
  }

  async metadata(): Promise<Record<string, unknown>> {
    return (await this.reader.getMetadata()) as Record<string, unknown>;
  }

  async tileCount(): Promise<number> {
    return (await this.reader.getHeader()).numAddressedTiles;
  }

  async getTile(z: number, x: number, y: number): Promise<Uint8Array | undefined> {
    return unzippedOrNone(await this.getStoredTile(z, x, y));
  }

  async getStoredTile(z: number, x: number, y: number): Promise<Uint8Array | undefined> {
    const response = await this.reader.getZxy(z, x, y);
    return response ? new Uint8Array(response.data) : undefined;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

class MbtilesArchive implements TileArchive {
  readonly format = 'mbtiles' as const;
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[number, number, number], { tile_data: Buffer }>;

  constructor(readonly file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    this.select = this.db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?');
  }

  async metadata(): Promise<Record<string, unknown>> {
    const rows = this.db.prepare('SELECT name, value FROM metadata ORDER BY name').all() as Array<{ name: string; value: string }>;
    const out: Record<string, unknown> = Object.create(null);
    for (const { name, value } of rows) out[name] = value;
    if (typeof out.json === 'string') Object.assign(out, JSON.parse(out.json) as object);
    return out;
  }

  async getTile(z: number, x: number, y: number): Promise<Uint8Array | undefined> {
    return unzippedOrNone(await this.getStoredTile(z, x, y));
  }

  async getStoredTile(z: number, x: number, y: number): Promise<Uint8Array | undefined> {
    return this.select.get(z, x, 2 ** z - 1 - y)?.tile_data;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

class DirectoryArchive implements TileArchive {
  readonly format = 'directory' as const;

  constructor(readonly file: string) {}

  async metadata(): Promise<Record<string, unknown>> {
    try {
      return JSON.parse(await readFile(path.join(this.file, 'metadata.json'), 'utf8')) as Record<string, unknown>;
    } catch {
      return {};
    }
  }

  async getTile(z: number, x: number, y: number): Promise<Uint8Array | undefined> {
    return unzippedOrNone(await this.getStoredTile(z, x, y));
  }

  async getStoredTile(z: number, x: number, y: number): Promise<Uint8Array | undefined> {
    try {
      return await readFile(path.join(this.file, String(z), String(x), `${y}.mvt`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async close(): Promise<void> {}
}
