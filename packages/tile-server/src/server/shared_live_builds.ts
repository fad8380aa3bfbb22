import cluster, { type Worker } from 'node:cluster';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from '../log.js';
import type { LiveBuildReply, LiveBuildRequest } from './live_build_child.js';
import { buildElsewhere } from './live_builds.js';

/** A worker asks the primary for a build of one configuration (`key`) from sources in the state `signature`. */
interface BuildAsk {
  readonly type: 'safemap:live-build';
  readonly id: number;
  readonly key: string;
  readonly signature: string;
  readonly request: LiveBuildRequest;
}

interface BuildAnswer {
  readonly type: 'safemap:live-built';
  readonly id: number;
  readonly reply: LiveBuildReply;
}

/** Versions the primary keeps per configuration: one more than a worker serves, for a worker a build behind. */
const KEEP = 3;

/**
 * With `--workers N`, each tile set nothing published serves is built once, by the primary, for every worker: each
 * worker building its own held N builds' memory and cores at once, at the moment the map is least ready. Workers
 * still notice changed sources on their own and ask; asks for a configuration whose sources are in the same state
 * share one build. Builds run one at a time, each in a child process, as in a single server; the primary owns the
 * built files and removes a configuration's old versions.
 */
export async function buildForWorkers(logger: Logger): Promise<{ close(): Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'safemap-live-'));
  const latest = new Map<string, { signature: string; reply: Promise<LiveBuildReply> }>();
  const built = new Map<string, Array<{ archive: string; lookups: string }>>();
  let queue: Promise<unknown> = Promise.resolve();

  const build = (ask: BuildAsk): Promise<LiveBuildReply> => {
    const run = queue.then(async () => {
      logger.info({ tileset: ask.request.config.id, configuration: ask.key }, 'nothing published for this configuration: building it once for every worker');
      const reply = await buildElsewhere({ ...ask.request, dir: path.join(root, ask.key) });
      if (reply.ok) await keepNewest(ask.key, reply);
      return reply;
    });
    queue = run;
    return run;
  };

  const keepNewest = async (key: string, reply: Extract<LiveBuildReply, { ok: true }>) => {
    const versions = [{ archive: reply.archive, lookups: reply.lookups }, ...(built.get(key) ?? []).filter((version) => version.archive !== reply.archive)];
    built.set(key, versions.slice(0, KEEP));
    for (const old of versions.slice(KEEP)) await Promise.all([rm(old.archive, { force: true }), rm(old.lookups, { force: true })]);
  };

  const onMessage = (worker: Worker, message: unknown) => {
    const ask = message as BuildAsk | undefined;
    if (ask?.type !== 'safemap:live-build') return;
    let current = latest.get(ask.key);
    if (current?.signature !== ask.signature) {
      current = { signature: ask.signature, reply: build(ask) };
      latest.set(ask.key, current);
    }
    void current.reply.then((reply) => {
      const answer: BuildAnswer = { type: 'safemap:live-built', id: ask.id, reply };
      if (worker.isConnected()) worker.send(answer);
    });
  };
  cluster.on('message', onMessage);
  return {
    async close() {
      cluster.off('message', onMessage);
      await queue.catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
  };
}

let asked = 0;
const waiting = new Map<number, (reply: LiveBuildReply) => void>();

/** In a worker: has the primary build `request` (see {@link buildForWorkers}) and resolves with its reply. */
export function askPrimaryToBuild(request: LiveBuildRequest, key: string, signature: string): Promise<LiveBuildReply> {
  if (waiting.size === 0) process.on('message', onAnswer);
  const id = ++asked;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    const ask: BuildAsk = { type: 'safemap:live-build', id, key, signature, request };
    process.send!(ask);
  });
}

function onAnswer(message: unknown): void {
  const answer = message as BuildAnswer | undefined;
  if (answer?.type !== 'safemap:live-built') return;
  const resolve = waiting.get(answer.id);
  if (!resolve) return;
  waiting.delete(answer.id);
  if (waiting.size === 0) process.off('message', onAnswer);
  resolve(answer.reply);
}
