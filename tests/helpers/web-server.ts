// A small web server on 127.0.0.1 for tests that fetch documents: fixed pages, redirects, and a log of what was asked.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route =
  | { body: string | Uint8Array; type?: string; headers?: Record<string, string> }
  | { redirect: string; status?: number }
  | ((request: IncomingMessage, response: ServerResponse) => void);

export interface WebServer {
  origin: string;
  /** Paths asked for, in order. */
  requests: string[];
  /** Serves `route` at `path` (replacing what was there); returns its full URL. */
  serve(path: string, route: Route): string;
  close(): Promise<void>;
}

export async function startWebServer(): Promise<WebServer> {
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push(path);
    const route = routes.get(path);
    if (!route) {
      response.writeHead(404).end('not found');
    } else if (typeof route === 'function') {
      route(request, response);
    } else if ('redirect' in route) {
      response.writeHead(route.status ?? 302, { location: route.redirect }).end();
    } else {
      response.writeHead(200, { 'content-type': route.type ?? 'application/octet-stream', ...route.headers }).end(route.body);
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    serve(path, route) {
      routes.set(path, route);
      return `${origin}${path}`;
    },
    async close() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
