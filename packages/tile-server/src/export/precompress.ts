import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

/**
 * Text files that gain from precompression. Archives are not among them: they are read by byte ranges, which a
 * compressed answer would disable, and their tiles are compressed already; images are too.
 */
const COMPRESSIBLE = /\.(?:html|js|mjs|css|json)$/;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Writes `.gz` and `.br` siblings next to each compressible file of the folder, for servers that send a precompressed
 * sibling when the client accepts it (nginx `gzip_static` / `brotli_static`). Both at the highest level, since they
 * are made once per export. A sibling already there (the widget build ships its own) is kept; one that would not be
 * smaller than the file is not written. Returns the siblings written or kept, folder-relative.
 */
export async function precompressFiles(root: string, files: readonly string[]): Promise<string[]> {
  const siblings: string[] = [];
  for (const file of files) {
    if (!COMPRESSIBLE.test(file)) continue;
    const bytes = await readFile(path.join(root, file));
    for (const [suffix, compress] of [
      ['.gz', () => gzipAsync(bytes, { level: 9 })],
      ['.br', () => brotliAsync(bytes, { params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })],
    ] as const) {
      const sibling = `${file}${suffix}`;
      if (existsSync(path.join(root, sibling))) {
        siblings.push(sibling);
        continue;
      }
      const compressed = await compress();
      if (compressed.length >= bytes.length) continue;
      await writeFile(path.join(root, sibling), compressed);
      siblings.push(sibling);
    }
  }
  return siblings;
}
