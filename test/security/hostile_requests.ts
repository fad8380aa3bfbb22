import { Agent, request } from 'node:http';

export interface HostileResponse {
  path: string;
  status: number;
  contentType: string;
  body: Buffer;
}

/**
 * Sends every path over a small keep-alive pool, `concurrency` at a time. Paths go on the wire as given, except
 * characters node:http refuses to send (controls, spaces, non-Latin-1), which are percent-encoded.
 */
export async function sendAll(
  baseUrl: string,
  paths: readonly string[],
  concurrency = 16,
  headersFor: (index: number) => Record<string, string> = () => ({}),
): Promise<HostileResponse[]> {
  const { hostname, port } = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const results: HostileResponse[] = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const index = next++;
      results[index] = await send(hostname, Number(port), wireSafe(paths[index]!), agent, headersFor(index));
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return results;
}

export function wireSafe(path: string): string {
  return path.replace(/[^\x21-\x7e]/gu, (char) => encodeURIComponent(char).replace(/%(?![0-9A-F]{2})/g, '%25'));
}

function send(host: string, port: number, path: string, agent: Agent, headers: Record<string, string>): Promise<HostileResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port, path, agent, headers: { 'Accept-Encoding': 'identity', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ path, status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', (error) => reject(new Error(`${path}: ${error.message}`)));
    req.end();
  });
}
