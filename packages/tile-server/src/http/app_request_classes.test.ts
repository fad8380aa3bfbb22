import express from 'express';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { appRequestClasses } from './app_request_classes.js';

describe('appRequestClasses', () => {
  it('gives every request and response one prototype, before and after Express, and Express still works', async () => {
    const app = express();
    app.get('/page', (req, res) => {
      res.status(201).json({ path: req.path, query: req.query, sameApp: req.app === app });
    });
    const classes = appRequestClasses(app);
    const seen: { path: string; request: [object, object]; response: [object, object] }[] = [];
    const server = createServer({ ...classes }, (req: IncomingMessage, res: ServerResponse) => {
      const before: [object, object] = [Object.getPrototypeOf(req), Object.getPrototypeOf(res)];
      const record = () => seen.push({ path: req.url!, request: [before[0], Object.getPrototypeOf(req)], response: [before[1], Object.getPrototypeOf(res)] });
      // Answered here, as the tile endpoint answers before Express.
      if (req.url === '/tile') {
        res.end('tile');
        record();
        return;
      }
      res.once('finish', record);
      app(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const page = await fetch(`${base}/page?q=1`);
      expect(page.status).toBe(201);
      expect(await page.json()).toEqual({ path: '/page', query: { q: '1' }, sameApp: true });
      expect(await (await fetch(`${base}/tile`)).text()).toBe('tile');
      expect((await fetch(`${base}/missing`)).status).toBe(404);
      expect(seen.map((entry) => entry.path).sort()).toEqual(['/missing', '/page?q=1', '/tile']);
      for (const { path, request, response } of seen) {
        // Express found the prototypes already in place: it changed nothing, so node's code meets one shape.
        expect(request[1], path).toBe(request[0]);
        expect(response[1], path).toBe(response[0]);
        expect(request[0], path).toBe(app.request);
        expect(response[0], path).toBe(app.response);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
