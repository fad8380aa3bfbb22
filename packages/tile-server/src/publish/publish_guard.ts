import type { FeatureDiff } from './diff_lookups.js';

/** One layer of a tile set, against the live (published) version: what the publish guard judged. */
export interface LayerChange {
  readonly tileset: string;
  readonly layer: string;
  /** Features in the live version; null when nothing is published or the live version lacks the layer. */
  readonly before: number | null;
  readonly after: number;
  /** Added, removed and changed features, when both versions' look-ups could be compared. */
  readonly diff?: FeatureDiff;
  /** `empty`: no features at all; `shrunk`: fewer than half of the live version's. Either refuses the publish. */
  readonly verdict: 'ok' | 'empty' | 'shrunk';
}

/**
 * The publish guard: a layer that comes out empty, or with fewer than half the features of the live version, is
 * almost always a broken export (every row quarantined, a truncated file, the wrong sheet), and publishing it would
 * wipe the map residents use. Such a publish is refused unless forced with `--allow-shrink`.
 */
export function judgeLayer(before: number | null, after: number): LayerChange['verdict'] {
  if (after === 0) return 'empty';
  if (before !== null && after * 2 < before) return 'shrunk';
  return 'ok';
}

export function refusedChanges(changes: readonly LayerChange[]): LayerChange[] {
  return changes.filter((change) => change.verdict !== 'ok');
}

/** `3 → 0 features` and, when known, `+1 −3 ~0`. */
export function formatChange(change: LayerChange): string {
  const before = change.before === null ? 'none' : String(change.before);
  const diff = change.diff ? ` (added ${change.diff.added}, removed ${change.diff.removed}, changed ${change.diff.changed})` : '';
  const verdict = change.verdict === 'empty' ? '  REFUSED: the layer is empty' : change.verdict === 'shrunk' ? '  REFUSED: lost more than half of its features' : '';
  return `${before} → ${change.after} features${diff}${verdict}`;
}

/** The refusal message, with the next step. */
export function guardMessage(refused: readonly LayerChange[]): string {
  const what = refused.map((change) => `${change.tileset}/${change.layer} ${change.before ?? 'none'} → ${change.after}${change.verdict === 'empty' ? ' (empty)' : ' (lost more than half)'}`);
  return (
    `publish refused: ${what.join(', ')}; the live version stays. ` +
    'Run "safemap validate --config" to see why rows were left out, fix the source, or publish anyway with --allow-shrink'
  );
}
