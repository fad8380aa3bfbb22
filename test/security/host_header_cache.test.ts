import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../packages/tile-server/src/index.js';
import { httpGet } from '../helpers/http_get.js';
import { freePort, startNginx, type RunningNginx } from '../helpers/nginx.js';
import { createSecurityFixture, startFixtureServer } from './security_fixture.js';

/**
 * The Host header attack, retried through a real caching nginx with its default cache key
 * (`$scheme$proxy_host$request_uri`, which ignores the client's Host) and the common `proxy_set_header Host $http_host`.
 * An attacker's request must never decide the links every later visitor receives.
 */
const fixture = createSecurityFixture();
const documents = ['/catalog', '/tiles/city.json', '/styles/city.json'];

/**
 * A caching reverse proxy in front of `upstreamPort`; X-Cache tells whether an answer came from the cache. SafeMap
 * sends its documents `no-cache`, which nginx would not store; this one is told to store every 200 for a minute
 * whatever the Cache-Control says, as operators do to shed load, the worst case for poisoning.
 */
function cachingProxy(upstreamPort: number): Promise<RunningNginx> {
  return startNginx(`
  proxy_cache_path {{DIR}}/cache keys_zone=safemap:1m;
  server {
    listen 127.0.0.1:{{PORT}};
    location / {
      proxy_pass http://127.0.0.1:${upstreamPort};
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_cache safemap;
      proxy_ignore_headers Cache-Control Expires;
      proxy_cache_valid 200 1m;
      add_header X-Cache $upstream_cache_status always;
    }
  }`);
}

describe('links never come from an unchecked Host header', () => {
  describe('without PUBLIC_URL: allowed hosts, 421 for others, Vary: Host', () => {
    let server: RunningServer;
    let nginx: RunningNginx;
    let front: string;
    beforeAll(async () => {
      const upstreamPort = await freePort();
      nginx = await cachingProxy(upstreamPort);
      front = `localhost:${nginx.port}`;
      server = await startFixtureServer(fixture, { port: upstreamPort, security: { trustProxy: 1, allowedHosts: [front, `127.0.0.1:${nginx.port}`] } });
    });
    afterAll(async () => {
      await nginx?.stop();
      await server?.close();
    });

    it('refuses a forged Host with an uncached 421, and later visitors get links to the real host from the cache', async () => {
      for (const path of documents) {
        const attack = await httpGet(nginx.url, path, { Host: 'evil.example' });
        expect(attack.status, path).toBe(421);
        expect(attack.body.toString(), path).not.toContain('evil.example');
        expect(attack.headers['cache-control'], path).toBe('no-store');
      }
      for (const path of documents) {
        const first = await httpGet(nginx.url, path, { Host: front });
        const second = await httpGet(nginx.url, path, { Host: front });
        expect(first.status, path).toBe(200);
        // The cache is live: the second visitor is served from it, so a poisoned entry would have reached them.
        expect(second.headers['x-cache'], path).toBe('HIT');
        expect(second.body.toString(), path).not.toContain('evil.example');
        expect(second.body.toString(), path).toContain(`http://${front}/`);
        expect(String(second.headers.vary), path).toMatch(/\bHost\b/);
      }
      // The attacker retries after the cache is warm: still nothing of theirs is stored or served.
      const retry = await httpGet(nginx.url, '/catalog', { Host: 'evil.example' });
      expect(retry.body.toString()).not.toContain('evil.example');
      const victim = await httpGet(nginx.url, '/catalog', { Host: front });
      expect(victim.body.toString()).not.toContain('evil.example');
    });

    it('keeps one cached copy per allowed host, so one host name never receives another one\'s links', async () => {
      const other = `127.0.0.1:${nginx.port}`;
      const viaFront = await httpGet(nginx.url, '/tiles/city.json', { Host: front });
      const viaOther = await httpGet(nginx.url, '/tiles/city.json', { Host: other });
      expect(JSON.parse(viaFront.body.toString()).tiles[0]).toMatch(new RegExp(`^http://${front}/tiles/city@`));
      expect(JSON.parse(viaOther.body.toString()).tiles[0]).toMatch(new RegExp(`^http://${other.replace('.', '\\.')}/tiles/city@`));
    });
  });

  describe('with PUBLIC_URL', () => {
    let server: RunningServer;
    let nginx: RunningNginx;
    beforeAll(async () => {
      const upstreamPort = await freePort();
      nginx = await cachingProxy(upstreamPort);
      server = await startFixtureServer(fixture, { port: upstreamPort, publicUrl: 'https://maps.example.go.kr/' });
    });
    afterAll(async () => {
      await nginx?.stop();
      await server?.close();
    });

    it('ignores the Host header entirely: every visitor, attacker first, gets the public URL', async () => {
      const attack = await httpGet(nginx.url, '/styles/city.json', { Host: 'evil.example' });
      expect(attack.status).toBe(200);
      expect(attack.headers.vary ?? '').not.toMatch(/\bHost\b/);
      const victim = await httpGet(nginx.url, '/styles/city.json', { Host: `localhost:${nginx.port}` });
      expect(victim.headers['x-cache']).toBe('HIT');
      const style = JSON.parse(victim.body.toString());
      expect(style.sources.city.tiles[0]).toMatch(/^https:\/\/maps\.example\.go\.kr\/tiles\/city@[0-9a-f]+\/\{z\}\/\{x\}\/\{y\}\.mvt$/);
      expect(victim.body.toString()).not.toContain('evil.example');
    });
  });

  describe('defaults, reached directly', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startFixtureServer(fixture);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('answers for localhost and its own addresses at its own port only', async () => {
      const port = new URL(server.url).port;
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `LOCALHOST:${port}`]) {
        const ok = await httpGet(server.url, '/catalog', { Host: host });
        expect(ok.status, host).toBe(200);
        expect(ok.body.toString(), host).toContain(`http://${host.toLowerCase()}/tiles/city.json`);
      }
      for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${Number(port) + 1}`, '127.0.0.1', `localhost:${port}@evil.example`]) {
        const refused = await httpGet(server.url, '/tiles/city.json', { Host: host });
        expect(refused.status, host).toBe(421);
        expect(JSON.parse(refused.body.toString()).code, host).toBe('MISDIRECTED');
      }
      // Tiles and pages do not depend on the Host, so they are not refused.
      expect((await httpGet(server.url, '/tiles/city/0/0/0.mvt', { Host: 'evil.example' })).status).toBeLessThan(400);
    });
  });
});
