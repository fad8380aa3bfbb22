// The README's SRI snippet must pin the bytes the build produced: hashes are recomputed here from the files in
// packages/widget/dist and compared with the README and with dist/sri.json.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const dist = new URL('../../packages/widget/dist/', import.meta.url);
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

function sha384(file: string): string {
  return `sha384-${createHash('sha384').update(readFileSync(new URL(file, dist))).digest('base64')}`;
}

describe('README SRI snippet', () => {
  test.each([['safemap-widget.js'], ['safemap-widget.mjs']])('pins the built %s', (file) => {
    expect(existsSync(new URL(file, dist)), `${file} is built`).toBe(true);
    const tag = new RegExp(`src="[^"]*/widget/${file.replace('.', '\\.')}"\\s+integrity="(sha384-[A-Za-z0-9+/=]+)"`).exec(readme);
    expect(tag, `README has an integrity attribute for ${file}`).not.toBeNull();
    expect(tag![1], 'README hash; run "node scripts/update-readme-sri.mjs"').toBe(sha384(file));
  });

  test('dist/sri.json lists the hash of every shipped script', () => {
    const sri = JSON.parse(readFileSync(new URL('sri.json', dist), 'utf8')) as Record<string, string>;
    for (const file of ['safemap-widget.js', 'safemap-widget.mjs', 'maplibre-gl-worker.mjs']) expect(sri[file], file).toBe(sha384(file));
  });
});
