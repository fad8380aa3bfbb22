import type { Registry } from 'prom-client';

/**
 * Counts kept as plain numbers while requests are answered, and turned into Prometheus families only when the
 * registry is read (a scrape, or a cluster worker's push once a second). prom-client's own counters hash a label
 * object on every call; at tens of thousands of cached tiles a second that cost a sixth of the throughput.
 */
export class Tally<Key> {
  private readonly counts = new Map<Key, number>();

  add(key: Key, value = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + value);
  }

  entries(): IterableIterator<[Key, number]> {
    return this.counts.entries();
  }
}

/** One histogram series: counts per bucket (not cumulative), their sum and their number. */
export class HistogramTally {
  readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(private readonly bounds: readonly number[]) {
    this.counts = new Float64Array(bounds.length);
  }

  observe(value: number): void {
    this.sum += value;
    this.count += 1;
    for (let i = 0; i < this.bounds.length; i++) {
      if (value <= this.bounds[i]!) {
        this.counts[i]! += 1;
        return;
      }
    }
  }
}

type Labels = Record<string, string | number>;

/** A metric family as a prom-client registry reads it from a metric's `get()`. */
interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'histogram';
  readonly aggregator: 'sum';
  readonly values: ReadonlyArray<{ labels: Labels; value: number; metricName?: string }>;
}

/** Registers a counter family read from `values` when the registry is read; summed across cluster workers. */
export function registerTallyCounter(registry: Registry, name: string, help: string, values: () => Iterable<[Labels, number]>): void {
  registry.registerMetric(
    familyMetric(name, () => ({
      name,
      help,
      type: 'counter',
      aggregator: 'sum',
      values: [...values()].map(([labels, value]) => ({ labels, value })),
    })),
  );
}

/** Registers a histogram family with cumulative buckets, +Inf, sum and count, as prom-client writes them. */
export function registerTallyHistogram(registry: Registry, name: string, help: string, bounds: readonly number[], series: () => Iterable<[Labels, HistogramTally]>): void {
  registry.registerMetric(
    familyMetric(name, () => {
      const values: Family['values'][number][] = [];
      for (const [labels, tally] of series()) {
        let cumulative = 0;
        bounds.forEach((bound, i) => {
          cumulative += tally.counts[i]!;
          values.push({ labels: { ...labels, le: bound }, value: cumulative, metricName: `${name}_bucket` });
        });
        values.push({ labels: { ...labels, le: '+Inf' }, value: tally.count, metricName: `${name}_bucket` });
        values.push({ labels, value: tally.sum, metricName: `${name}_sum` });
        values.push({ labels, value: tally.count, metricName: `${name}_count` });
      }
      return { name, help, type: 'histogram', aggregator: 'sum', values };
    }),
  );
}

/** The shape a prom-client registry reads a metric through: a name and `get()` returning its family. */
function familyMetric(name: string, family: () => Family): Parameters<Registry['registerMetric']>[0] {
  return { name, get: async () => family() } as unknown as Parameters<Registry['registerMetric']>[0];
}
