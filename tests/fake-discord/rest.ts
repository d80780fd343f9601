import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseBody, type ParsedBody } from './body.ts';
import { DiscordError, notFound, unauthorized } from './errors.ts';
import type { Faults } from './faults.ts';
import { objectOrEmpty } from './json.ts';
import type { RecordedRequest, RequestLog } from './recorder.ts';
import { matchRoute, type Route, type RouteReply } from './router.ts';
import { applicationRoutes } from './routes/applications.ts';
import { channelRoutes } from './routes/channels.ts';
import { interactionRoutes } from './routes/interactions.ts';
import { webhookRoutes } from './routes/webhooks.ts';
import type { FakeState } from './state.ts';

const ROUTES: Route[] = [...interactionRoutes, ...webhookRoutes, ...channelRoutes, ...applicationRoutes];

export interface RestDeps {
  state: FakeState;
  log: RequestLog;
  faults: Faults;
  /** e.g. `http://127.0.0.1:PORT`. */
  origin: () => string;
  /** Crashes inside the fake itself (a bug in the fake, answered with 500). */
  onInternalError: (error: unknown) => void;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** `/api/v10/webhooks/1/abc/messages/%40original` → `/webhooks/1/abc/messages/@original`. */
function apiPath(pathname: string): string {
  const match = /^\/api(?:\/v\d+)?(\/.*)?$/.exec(pathname);
  const below = match ? (match[1] ?? '/') : pathname;
  return below.split('/').map(decodeSegment).join('/');
}

function interactionKeys(path: string): Pick<RecordedRequest, 'interactionId' | 'interactionToken'> {
  const callback = /^\/interactions\/([^/]+)\/([^/]+)\/callback$/.exec(path);
  if (callback?.[1] && callback[2]) return { interactionId: callback[1], interactionToken: callback[2] };
  const webhook = /^\/webhooks\/[^/]+\/([^/]+)/.exec(path);
  if (webhook?.[1]) return { interactionToken: webhook[1] };
  return {};
}

async function answer(
  deps: RestDeps,
  request: IncomingMessage,
  record: RecordedRequest,
  body: ParsedBody,
): Promise<RouteReply> {
  const { method, path } = record;
  const failure = deps.faults.take(method, path);
  if (failure) throw failure;
  const match = matchRoute(ROUTES, method, path);
  if (match.kind === 'wrong-method') return { status: 405, body: { message: '405: Method Not Allowed', code: 0 } };
  if (match.kind === 'none') throw notFound();
  if (match.route.auth === 'bot' && !/^Bot \S+/.test(request.headers.authorization ?? '')) throw unauthorized();
  return match.route.handle({
    params: match.params,
    body: objectOrEmpty(body.json),
    json: body.json,
    files: body.files,
    query: record.query,
    headers: record.headers,
    state: deps.state,
    now: record.at,
    origin: deps.origin(),
  });
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    response.writeHead(status, headers).end();
    return;
  }
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function recordOf(request: IncomingMessage, origin: string): RecordedRequest {
  const url = new URL(request.url ?? '/', origin);
  const path = apiPath(url.pathname);
  return {
    method: request.method ?? 'GET',
    path,
    query: Object.fromEntries(url.searchParams),
    body: null,
    files: [],
    headers: request.headers,
    at: performance.now(),
    ...interactionKeys(path),
  };
}

function errorReply(error: unknown, deps: RestDeps): Reply {
  if (error instanceof DiscordError) return { status: error.status, body: error.body, headers: error.headers };
  deps.onInternalError(error);
  return { status: 500, body: { message: '500: Internal Server Error', code: 0 } };
}

type Reply = RouteReply & { headers?: Record<string, string> };

/** The REST half of the fake: records every request, injects faults and delay, routes, answers like Discord. */
export function createRestHandler(deps: RestDeps): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const record = recordOf(request, deps.origin());
    deps.log.add(record);
    void (async (): Promise<Reply> => {
      const body = await parseBody(request);
      record.body = body.json;
      record.files = body.files;
      if (deps.faults.delayMs > 0) await sleep(deps.faults.delayMs);
      await deps.faults.wait(record.method, record.path);
      return answer(deps, request, record, body);
    })()
      .catch((error: unknown) => errorReply(error, deps))
      .then((reply) => {
        // A client that timed out has gone; the request still counts as answered (what the fake decided).
        if (!response.destroyed) send(response, reply.status, reply.body, reply.headers);
        deps.log.answered(record, reply.status, reply.body, performance.now());
      });
  };
}
