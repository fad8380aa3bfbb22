import { describe, expect, it } from 'vitest';
import { headersFile, headersFor, metaCsp, nginxSnippet, type SiteFile } from './site_headers.js';
import { siteLinker } from './site_documents.js';

const files: SiteFile[] = [
  { path: 'index.html', kind: 'page' },
  { path: 'catalog.json', kind: 'document' },
  { path: 'tiles/busan.0123456789abcdef.pmtiles', kind: 'immutable' },
];

/** `_headers` as path → header names, in order. */
function rules(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('/')) out.set(line, (current = []));
    else if (line.startsWith('  ')) current.push(line.trim().split(':')[0]!);
  }
  return out;
}

describe('the headers of an exported folder', () => {
  it('never sets one header in two rules that match the same path (hosts would join the values)', () => {
    const parsed = rules(headersFile(files, ["'self'"]));
    const common = parsed.get('/*')!;
    expect(common).toEqual(expect.arrayContaining(['X-Content-Type-Options', 'Strict-Transport-Security']));
    for (const [path, names] of parsed) {
      if (path === '/*') continue;
      expect(names.filter((name) => common.includes(name)), path).toEqual([]);
      expect(new Set(names).size, path).toBe(names.length);
    }
    expect([...parsed.keys()]).toEqual(['/*', '/', '/index.html', '/catalog.json', '/tiles/busan.0123456789abcdef.pmtiles']);
  });

  it('gives archives a year of immutable caching, documents no-cache, and the page its CSP', () => {
    expect(headersFor('immutable', ["'self'"])['Cache-Control']).toBe('public, max-age=31536000, immutable');
    expect(headersFor('document', ["'self'"])['Cache-Control']).toBe('no-cache');
    const page = headersFor('page', ["'self'"]);
    expect(page['Cache-Control']).toBe('no-cache');
    expect(page['Content-Security-Policy']).toContain("frame-ancestors 'self'");
    expect(metaCsp(["'self'"])).not.toContain('frame-ancestors');
    expect(metaCsp(["'self'"])).toContain("default-src 'none'");
  });

  it('writes an nginx location per file with its whole header set, and no gzip on archives', () => {
    const snippet = nginxSnippet(files, ["'self'"]);
    const archive = snippet.slice(snippet.indexOf('location = /tiles/busan.0123456789abcdef.pmtiles {'));
    const block = archive.slice(0, archive.indexOf('}'));
    expect(block).toContain('add_header Cache-Control "public, max-age=31536000, immutable" always;');
    expect(block).toContain('add_header X-Content-Type-Options "nosniff" always;');
    expect(block).toContain('gzip off;');
    expect(snippet).toContain(`add_header Content-Security-Policy "${headersFor('page', ["'self'"])['Content-Security-Policy']}" always;`);
    expect(snippet).toMatch(/text\/javascript js mjs;/);
  });
});

describe('links between the exported files', () => {
  it('are relative to the document that holds them, or absolute under --public-url', () => {
    expect(siteLinker(undefined)('styles/busan.json', 'tiles/busan.0123456789abcdef.pmtiles')).toBe('../tiles/busan.0123456789abcdef.pmtiles');
    expect(siteLinker(undefined)('catalog.json', 'styles/busan.json')).toBe('styles/busan.json');
    expect(siteLinker('https://cdn.example.go.kr/map/')('styles/busan.json', 'sprites/busan.0123456789ab')).toBe('https://cdn.example.go.kr/map/sprites/busan.0123456789ab');
  });
});
