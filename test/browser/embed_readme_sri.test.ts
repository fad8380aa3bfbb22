// The README's SRI snippet must pin the bytes the build produced, under their versioned URL: hashes are recomputed
// here from the files in packages/widget/dist and compared with the README and with dist/sri.json.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';

const dist = new URL('../../packages/widget/dist/', import.meta.url);
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const manifest = JSON.parse(readFileSync(new URL('manifest.json', dist), 'utf8')) as Record<string, string>;

function sha384(file: string): string {
  return `sha384-${createHash('sha384').update(readFileSync(new URL(file, dist))).digest('base64')}`;
}

describe('README SRI snippet', () => {
  test.each([['safemap-widget.js'], ['safemap-widget.mjs']])('pins the versioned URL of the built %s', (file) => {
    const versioned = manifest[file]!;
    expect(versioned).toMatch(/^safemap-widget\.[0-9a-f]{12}\.m?js$/);
    expect(existsSync(new URL(versioned, dist)), `${versioned} is built`).toBe(true);
    expect(readFileSync(new URL(versioned, dist)).equals(readFileSync(new URL(file, dist))), 'alias holds the same bytes').toBe(true);
    const tag = new RegExp(`src="[^"]*/widget/${versioned.replaceAll('.', '\\.')}"\\s+integrity="(sha384-[A-Za-z0-9+/=]+)"`).exec(readme);
    expect(tag, `README pins ${versioned}; run "npm run readme:sri"`).not.toBeNull();
    expect(tag![1], 'README hash; run "npm run readme:sri"').toBe(sha384(versioned));
    expect(readme, 'the README never pins the unversioned alias').not.toMatch(new RegExp(`/widget/${file.replace('.', '\\.')}"\\s+integrity=`));
  });

  test('dist/sri.json lists the hash of every shipped script under its versioned name', () => {
    const sri = JSON.parse(readFileSync(new URL('sri.json', dist), 'utf8')) as Record<string, string>;
    for (const file of ['safemap-widget.js', 'safemap-widget.mjs', 'maplibre-gl-worker.mjs']) expect(sri[manifest[file]!], file).toBe(sha384(file));
  });
});
