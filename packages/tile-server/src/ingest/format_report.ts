import { displayText } from './display_text.js';
import type { IngestResult, ValidationProblem } from './ingest_types.js';

/** Locations listed per group in the text report; the JSON report always has all of them. */
const locationsShown = 12;

/**
 * The validation report for people: per file a summary line, then problems grouped by kind and reason with their
 * CSV lines (`file:12, 15–40`) or GeoJSON feature indexes, errors before warnings.
 */
export function formatReportText(result: IngestResult): string {
  const out: string[] = [];
  for (const source of result.sources) {
    out.push(
      `${source.file}: ${source.format}, ${source.encoding}, ${source.crs}; ${source.rows} rows read, ${source.accepted} accepted, ${source.quarantined} quarantined` +
        (source.dataDates.length > 0 ? `; data date${source.dataDates.length === 1 ? '' : 's'} ${summariseDates(source.dataDates)}` : ''),
    );
    if (source.layer) out.push(`  read ${source.layer}`);
    const mine = result.problems.filter((problem) => problem.file === source.file);
    const groups = new Map<string, ValidationProblem[]>();
    for (const problem of mine) {
      const key = `${problem.severity === 'error' ? 0 : 1}\u0000${problem.kind}\u0000${problem.reason}`;
      const group = groups.get(key);
      if (group) group.push(problem);
      else groups.set(key, [problem]);
    }
    const ordered = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [, problems] of ordered) {
      const first = problems[0]!;
      const action = first.quarantined ? 'quarantined' : first.severity === 'error' ? 'kept (--keep-suspect)' : 'kept';
      out.push(`  ${first.severity} ${first.kind} (${problems.length}, ${action}): ${first.reason}`);
      out.push(`    at ${source.file}:${formatLocations(problems)}`);
    }
    if (mine.length === 0) out.push('  no problems found');
  }
  const errors = result.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = result.problems.length - errors;
  const quarantined = result.sources.reduce((sum, source) => sum + source.quarantined, 0);
  out.push(`${result.sources.length} file${result.sources.length === 1 ? '' : 's'}: ${result.features.length} features accepted, ${quarantined} quarantined, ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  // Names and cells from the files end up in these lines: a terminal must print them, never obey them.
  return `${out.map((line) => displayText(line, true)).join('\n')}\n`;
}

/** The validation report for machines (`--json`): sources, every problem and counts; never the features. */
export function reportJson(result: IngestResult): object {
  const byKind: Record<string, number> = {};
  for (const problem of result.problems) byKind[problem.kind] = (byKind[problem.kind] ?? 0) + 1;
  const errors = result.problems.filter((problem) => problem.severity === 'error').length;
  return {
    clean: errors === 0,
    counts: {
      files: result.sources.length,
      accepted: result.features.length,
      quarantined: result.sources.reduce((sum, source) => sum + source.quarantined, 0),
      errors,
      warnings: result.problems.length - errors,
      byKind,
    },
    sources: result.sources,
    problems: result.problems,
  };
}

function formatLocations(problems: readonly ValidationProblem[]): string {
  const lines = problems.flatMap((problem) => (problem.line === undefined ? [] : [problem.line]));
  if (lines.length === problems.length) return compressRanges(lines, '');
  const features = problems.flatMap((problem) => (problem.feature === undefined ? [] : [problem.feature]));
  return `feature ${compressRanges(features, '')}`;
}

/** `2, 3, 4, 9` → `2–4, 9`, with at most {@link locationsShown} entries and a count of the rest. */
function compressRanges(values: readonly number[], prefix: string): string {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const ranges: string[] = [];
  let start = sorted[0];
  let previous = start;
  for (const value of [...sorted.slice(1), undefined]) {
    if (value !== undefined && previous !== undefined && value === previous + 1) {
      previous = value;
      continue;
    }
    if (start !== undefined) ranges.push(start === previous ? `${prefix}${start}` : `${prefix}${start}–${previous}`);
    start = value;
    previous = value;
  }
  const shown = ranges.slice(0, locationsShown).join(', ');
  return ranges.length > locationsShown ? `${shown} and ${ranges.length - locationsShown} more` : shown;
}

function summariseDates(dates: readonly string[]): string {
  return dates.length <= 3 ? dates.join(', ') : `${dates[0]} … ${dates[dates.length - 1]} (${dates.length} distinct)`;
}
