import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';

/** How often a worker sends its series to the primary: the most a cluster scrape can lag behind the workers. */
export const METRICS_PUSH_INTERVAL_MS = 1000;

const PUSH = 'safemap:metrics';
/** How long the primary waits after a push for the other workers' before rebuilding the text. */
const REBUILD_DELAY_MS = 20;

/** One metric family as `registry.getMetricsAsJSON()` gives it, the form prom-client's cluster aggregation reads. */
type MetricFamily = Awaited<ReturnType<Registry['getMetricsAsJSON']>>[number];

interface PushMessage {
  type: typeof PUSH;
  /** Only the families whose values changed since the last push, each whole (absolute values, not increments). */
  families: MetricFamily[];
}

export interface WorkerMetricsPusher {
  /** Sends what changed since the last push and stops; call once the worker's last request has finished. */
  stop(): Promise<void>;
}

/**
 * A cluster worker's side: every `intervalMs`, the metric families that changed go to the primary over the cluster
 * IPC channel, whole, so the primary can answer a scrape from what it already holds and never has to ask (a question
 * to a worker busy serving tiles waits behind its queue: tens of milliseconds under load). Families that did not
 * change are not sent, so an idle worker sends little more than its process gauges.
 */
export function pushWorkerMetrics(registry: Registry, intervalMs = METRICS_PUSH_INTERVAL_MS): WorkerMetricsPusher {
  const sent = new Map<string, string>();
  let running: Promise<void> = Promise.resolve();
  const push = async () => {
    if (!process.send || !process.connected) return;
    const families: MetricFamily[] = [];
    for (const family of await registry.getMetricsAsJSON()) {
      const values = JSON.stringify(family.values);
      if (sent.get(family.name) === values) continue;
      sent.set(family.name, values);
      families.push(family);
    }
    if (families.length === 0) return;
    const message: PushMessage = { type: PUSH, families };
    // Resolves once the message is handed to the channel, so a worker that exits right after still delivers it.
    await new Promise<void>((resolve) => process.send!(message, undefined, undefined, () => resolve()));
  };
  // One push at a time: a slow collection never overlaps the next tick.
  const tick = () => (running = running.then(push).catch(() => undefined));
  void tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await tick();
    },
  };
}

/**
 * The primary's side: the latest families of every live worker, plus the counters and histograms of workers that
 * have exited, so totals never go down when a worker is replaced. The exposition text (counters and histograms
 * summed, gauges as each declares) is rebuilt shortly after pushes arrive, not when scraped: a scrape only hands over
 * text that is ready, with no IPC and no aggregation on its path.
 */
export class ClusterMetrics {
  readonly contentType = AggregatorRegistry.PROMETHEUS_CONTENT_TYPE;
  private readonly live = new Map<number, Map<string, MetricFamily>>();
  /** Counters and histograms of exited workers, summed into one family list. */
  private retired: MetricFamily[] = [];
  /** The text as of the last rebuild; a scrape before the first push builds it then. */
  private text: string | undefined;
  private rebuild: NodeJS.Timeout | undefined;
  private generation = 0;

  private readonly onMessage = (worker: Worker, message: unknown) => {
    if ((message as PushMessage | undefined)?.type !== PUSH) return;
    let families = this.live.get(worker.id);
    if (!families) this.live.set(worker.id, (families = new Map()));
    for (const family of (message as PushMessage).families) families.set(family.name, family);
    this.changed();
  };

  private readonly onExit = (worker: Worker) => {
    const families = this.live.get(worker.id);
    this.live.delete(worker.id);
    if (!families) return;
    // What an exited worker counted stays counted; its gauges (memory, lag, versions) described a process now gone.
    const kept = [...families.values()].filter((family) => String(family.type) === 'counter' || String(family.type) === 'histogram');
    this.retired = aggregateFamilies([this.retired, kept]);
    this.changed();
  };

  constructor() {
    cluster.on('message', this.onMessage);
    cluster.on('exit', this.onExit);
  }

  /** The exposition text of all workers together, as of each worker's last push. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    this.text ??= await this.build();
    return { contentType: this.contentType, body: this.text };
  }

  close(): void {
    cluster.off('message', this.onMessage);
    cluster.off('exit', this.onExit);
    clearTimeout(this.rebuild);
  }

  /** Workers push at about the same moment: one rebuild a few milliseconds after the first covers them all. */
  private changed(): void {
    this.rebuild ??= setTimeout(() => {
      this.rebuild = undefined;
      const generation = ++this.generation;
      // Formatting is asynchronous: a slower, older build never replaces a newer text.
      void this.build().then((text) => {
        if (generation === this.generation) this.text = text;
      });
    }, REBUILD_DELAY_MS);
    this.rebuild.unref();
  }

  private build(): Promise<string> {
    return AggregatorRegistry.aggregate([...[...this.live.values()].map((families) => [...families.values()]), this.retired]).metrics();
  }
}

/** Sums family lists into one, synchronously (prom-client's aggregator, read back without its async registry API). */
function aggregateFamilies(lists: MetricFamily[][]): MetricFamily[] {
  const registry = AggregatorRegistry.aggregate(lists);
  return registry.getMetricsAsArray().map((metric) => (metric as unknown as { get(): MetricFamily }).get());
}
