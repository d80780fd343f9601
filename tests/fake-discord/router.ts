import type { IncomingHttpHeaders } from 'node:http';
import type { JsonObject } from './json.ts';
import type { UploadedFile } from './messages.ts';
import type { FakeState } from './state.ts';

/** What a route handler gets: path parameters, the parsed body and the fake's state. */
export interface RouteContext {
  params: Record<string, string>;
  /** The body as an object ({} when it is not one). */
  body: JsonObject;
  /** The body exactly as parsed (arrays for command lists). */
  json: unknown;
  files: UploadedFile[];
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  state: FakeState;
  /** performance.now() when the request arrived. */
  now: number;
  /** e.g. `http://127.0.0.1:PORT`. */
  origin: string;
}

export interface RouteReply {
  status: number;
  body?: unknown;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below /api/v10 with `:name` parameters, e.g. `/interactions/:id/:token/callback`. */
  pattern: string;
  /** Bot routes need `Authorization: Bot ...`; interaction callbacks and webhooks need none. */
  auth: 'bot' | 'none';
  handle: (context: RouteContext) => RouteReply | Promise<RouteReply>;
}

export const json = (body: unknown, status = 200): RouteReply => ({ status, body });
export const noContent = (): RouteReply => ({ status: 204 });

function matchPattern(pattern: string, segments: string[]): Record<string, string> | null {
  const parts = pattern.split('/').filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return null;
  }
  return params;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method' }
  | { kind: 'none' };

/** Finds the route for a decoded path (literal segments win over parameters by route order). */
export function matchRoute(routes: Route[], method: string, path: string): RouteMatch {
  const segments = path.split('/').filter(Boolean);
  let pathKnown = false;
  for (const route of routes) {
    const params = matchPattern(route.pattern, segments);
    if (!params) continue;
    if (route.method === method) return { kind: 'found', route, params };
    pathKnown = true;
  }
  return pathKnown ? { kind: 'wrong-method' } : { kind: 'none' };
}
