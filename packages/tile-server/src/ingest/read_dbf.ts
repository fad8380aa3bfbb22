import { open, type FileHandle } from 'node:fs/promises';
import iconv from 'iconv-lite';
import type { TextEncoding } from './decode_text.js';

/** One column of a dBASE table: its name, type letter and where its bytes sit in a record. */
export interface DbfField {
  readonly name: string;
  readonly type: string;
  readonly offset: number;
  readonly length: number;
}

/** Records read from disk at a time. */
const CHUNK_BYTES = 1024 * 1024;
const END_OF_FILE = 0x1a;

/**
 * The attribute table of a shapefile (`.dbf`), read record by record in file order, with the values the `shapefile`
 * package gives: text trimmed (null when empty), numbers (null when blank or not a number), logicals. Dates become
 * `YYYY-MM-DD` text straight from their digits, never through a local-time Date, which shifts them a day east of UTC.
 *
 * The `shapefile` package decodes every field, numbers included, through a JavaScript TextDecoder polyfill: at a
 * million rows that was most of the time of a build. Here ASCII fields are read as Latin-1 and only the others go to
 * iconv-lite, the decoder of every other text SafeMap reads.
 */
export class DbfReader {
  private readonly chunk: Buffer;
  private held = 0;
  private at = 0;
  private position: number;
  private ended = false;

  private constructor(
    private readonly handle: FileHandle,
    readonly fields: readonly DbfField[],
    private readonly recordLength: number,
    headerLength: number,
    private readonly encoding: TextEncoding,
  ) {
    this.position = headerLength;
    this.chunk = Buffer.allocUnsafe(Math.max(1, Math.floor(CHUNK_BYTES / recordLength)) * recordLength);
  }

  /** Opens a table; throws an Error saying what is wrong when the header is not a dBASE header. */
  static async open(file: string, encoding: TextEncoding): Promise<DbfReader> {
    const handle = await open(file, 'r');
    try {
      const head = Buffer.alloc(32);
      const { bytesRead } = await handle.read(head, 0, 32, 0);
      if (bytesRead < 32) throw new Error('the .dbf header is cut short');
      const headerLength = head.readUInt16LE(8);
      const recordLength = head.readUInt16LE(10);
      if (headerLength < 33 || recordLength < 1) throw new Error('the .dbf header gives no fields');
      const descriptors = Buffer.alloc(headerLength - 32);
      await handle.read(descriptors, 0, descriptors.length, 32);
      const fields: DbfField[] = [];
      for (let at = 0, offset = 1; at + 32 <= descriptors.length && descriptors[at] !== 0x0d; at += 32) {
        let end = at;
        while (end < at + 11 && descriptors[end] !== 0) end += 1;
        const field = { name: decodeField(descriptors, at, end, encoding), type: String.fromCharCode(descriptors[at + 11]!), offset, length: descriptors[at + 16]! };
        if (field.offset + field.length > recordLength) throw new Error(`field ${field.name} reaches past the end of the record`);
        fields.push(field);
        offset += field.length;
      }
      return new DbfReader(handle, fields, recordLength, headerLength, encoding);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The next record's values by field name, or undefined after the last. */
  async next(): Promise<Record<string, unknown> | undefined> {
    if (this.at + this.recordLength > this.held) {
      if (this.ended || !(await this.fill())) return undefined;
    }
    const start = this.at;
    if (this.chunk[start] === END_OF_FILE) {
      this.ended = true;
      return undefined;
    }
    this.at += this.recordLength;
    const values: Record<string, unknown> = {};
    for (const field of this.fields) values[field.name] = this.value(field, start + field.offset);
    return values;
  }

  close(): Promise<void> {
    return this.handle.close();
  }

  private async fill(): Promise<boolean> {
    const { bytesRead } = await this.handle.read(this.chunk, 0, this.chunk.length, this.position);
    this.position += bytesRead;
    this.held = bytesRead - (bytesRead % this.recordLength);
    this.at = 0;
    if (bytesRead < this.chunk.length) this.ended = true;
    return this.held > 0;
  }

  private value(field: DbfField, from: number): unknown {
    const text = decodeField(this.chunk, from, from + field.length, this.encoding);
    switch (field.type) {
      case 'N':
      case 'F':
      case 'B':
      case 'M': {
        const trimmed = text.trim();
        const number = Number(trimmed);
        return trimmed === '' || Number.isNaN(number) ? null : number;
      }
      case 'L':
        return /^[nf]$/i.test(text) ? false : /^[yt]$/i.test(text) ? true : null;
      case 'D':
        return isoDate(text.trim());
      default:
        return text.trim() || null;
    }
  }
}

function decodeField(bytes: Buffer, from: number, to: number, encoding: TextEncoding): string {
  let ascii = true;
  for (let index = from; index < to; index += 1) {
    if (bytes[index]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return bytes.toString('latin1', from, to);
  return encoding === 'utf-8' ? bytes.toString('utf8', from, to) : iconv.decode(bytes.subarray(from, to), encoding);
}

/** `YYYYMMDD` as `YYYY-MM-DD` when it is a calendar date; null otherwise (blank dates are written as spaces). */
function isoDate(digits: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(digits);
  if (!match) return null;
  const [, year, month, day] = match as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day) ? `${year}-${month}-${day}` : null;
}
