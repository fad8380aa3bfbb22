import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const src = path.join(import.meta.dirname, '..', '..', 'packages', 'tile-server', 'src');

/** Which folders of the server's source each folder imports from. */
async function folderGraph(): Promise<Map<string, Set<string>>> {
  const graph = new Map<string, Set<string>>();
  for (const entry of await readdir(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    const folder = path.relative(src, entry.parentPath).split(path.sep)[0]!;
    if (folder === '') continue;
    const text = await readFile(path.join(entry.parentPath, entry.name), 'utf8');
    for (const match of text.matchAll(/from '\.\.\/([a-z_]+)\//g)) {
      if (match[1] === folder) continue;
      if (!graph.has(folder)) graph.set(folder, new Set());
      graph.get(folder)!.add(match[1]!);
    }
  }
  return graph;
}

describe('the server source tree', () => {
  it('has no folder that imports, directly or through others, a folder that imports it back', async () => {
    const graph = await folderGraph();
    const cycles: string[] = [];
    for (const start of graph.keys()) {
      const stack = [...(graph.get(start) ?? [])].map((next) => [start, next]);
      const seen = new Set<string>();
      while (stack.length > 0) {
        const trail = stack.pop()!;
        const at = trail[trail.length - 1]!;
        if (at === start) {
          cycles.push(trail.join(' → '));
          break;
        }
        if (seen.has(at)) continue;
        seen.add(at);
        for (const next of graph.get(at) ?? []) stack.push([...trail, next]);
      }
    }
    expect(cycles).toEqual([]);
    expect(graph.get('ingest'), 'reading knows nothing of tiles, archives or serving').toEqual(new Set(['catalog']));
  });
});
