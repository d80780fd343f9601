import { performance } from 'node:perf_hooks';
import type { APIInteraction, APIMessage } from 'discord.js';
import { Faults, type FailRule, type Hold, type HoldRule } from './faults.ts';
import { FakeGateway, type GatewayFrame } from './gateway.ts';
import type { InteractionState } from './interactions.ts';
import type { JsonObject } from './json.ts';
import { createPayloads, type Payloads } from './payloads.ts';
import { RequestLog, type RecordedRequest } from './recorder.ts';
import { createRestHandler } from './rest.ts';
import { listen, type HttpAndWs } from './server.ts';
import { FakeState } from './state.ts';
import { DEFAULT_WORLD, type FakeWorld } from './world.ts';

export interface FakeDiscordOptions {
  /** Overrides of DEFAULT_WORLD (application, bot user, guild or null, users). */
  world?: Partial<FakeWorld>;
  /** Deadline for the first callback (Discord: 3000). */
  ackDeadlineMs?: number;
  /** How long edits and follow-ups work (Discord: 15 min). */
  tokenLifetimeMs?: number;
  /** HELLO's heartbeat_interval (default 45000: no heartbeats in a short test). */
  heartbeatIntervalMs?: number;
}

/** An interaction the fake dispatched. */
export interface SentInteraction<T extends APIInteraction = APIInteraction> {
  id: string;
  token: string;
  payload: T;
  /** performance.now() just before INTERACTION_CREATE was sent. */
  sentAt: number;
}

const DEFAULT_WAIT_MS = 2000;

/** A local Discord (REST + gateway) for driving a real discord.js client in tests. */
export class FakeDiscord {
  /** Pass as `new Client({ rest: { api } })` or `new REST({ api })`. */
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly payloads: Payloads;

  private constructor(
    readonly world: FakeWorld,
    private readonly state: FakeState,
    private readonly log: RequestLog,
    private readonly faults: Faults,
    private readonly gateway: FakeGateway,
    private readonly server: HttpAndWs,
    /** Crashes inside the fake (bugs in the fake itself; each was answered 500). Tests may assert it is empty. */
    readonly internalErrors: readonly unknown[],
  ) {
    this.apiUrl = `${server.origin}/api`;
    this.gatewayUrl = server.origin.replace(/^http/, 'ws');
    this.payloads = createPayloads(world);
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const world: FakeWorld = { ...DEFAULT_WORLD, ...options.world };
    const state = new FakeState(world, {
      ackDeadlineMs: options.ackDeadlineMs ?? 3000,
      tokenLifetimeMs: options.tokenLifetimeMs ?? 15 * 60 * 1000,
    });
    const log = new RequestLog();
    const faults = new Faults();
    const internalErrors: unknown[] = [];
    let origin = '';
    const server = await listen(
      createRestHandler({
        state,
        log,
        faults,
        origin: () => origin,
        onInternalError: (error) => internalErrors.push(error),
      }),
    );
    origin = server.origin;
    const gateway = new FakeGateway(server.wss, {
      world,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 45_000,
      resumeUrl: () => server.origin.replace(/^http/, 'ws'),
    });
    return new FakeDiscord(world, state, log, faults, gateway, server, internalErrors);
  }

  // ---- interactions -------------------------------------------------------------------------

  /** Dispatches INTERACTION_CREATE; the 3-second clock starts now. */
  async sendInteraction<T extends APIInteraction>(payload: T): Promise<SentInteraction<T>> {
    this.state.learnFrom(payload);
    const sentAt = performance.now();
    this.state.interactions.register(payload, sentAt);
    await this.gateway.dispatch('INTERACTION_CREATE', payload);
    return { id: payload.id, token: payload.token, payload, sentAt };
  }

  /** The state of an interaction: acknowledgement, `original` message as users see it, follow-ups. */
  interaction(idOrToken: string): InteractionState | undefined {
    return this.state.interactions.find(idOrToken);
  }

  /** From now on webhook calls with this token answer 404 Unknown Webhook (10015). */
  expireInteraction(idOrToken: string): void {
    this.state.interactions.expire(idOrToken);
  }

  // ---- recorded requests -----------------------------------------------------------------

  /** Every REST request, in arrival order. */
  get requests(): readonly RecordedRequest[] {
    return this.log.requests;
  }

  /** The first answered request matching `predicate` (already received or still to come). */
  waitForRequest(
    predicate: (request: RecordedRequest) => boolean,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<RecordedRequest> {
    return this.log.waitFor(predicate, timeoutMs, 'matching request');
  }

  /** The (first) answered callback for an interaction. */
  waitForCallback(interactionId: string, timeoutMs = DEFAULT_WAIT_MS): Promise<RecordedRequest> {
    const isCallback = (request: RecordedRequest): boolean => request.interactionId === interactionId;
    return this.log.waitFor(isCallback, timeoutMs, `callback for ${interactionId}`);
  }

  /** Callback requests for an interaction (more than one means the bot answered twice). */
  callbacksFor(interactionId: string): RecordedRequest[] {
    return this.log.requests.filter((request) => request.interactionId === interactionId);
  }

  /** Callback, edits, follow-ups and deletes made with an interaction token, in order (GETs left out). */
  messagesFor(interactionToken: string): RecordedRequest[] {
    return this.log.requests.filter(
      (request) => request.interactionToken === interactionToken && request.method !== 'GET',
    );
  }

  /** Waits until `count` of `messagesFor(token)` have been answered; returns them all. */
  async waitForMessages(
    interactionToken: string,
    count: number,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<RecordedRequest[]> {
    const answered = (): number => this.messagesFor(interactionToken).filter((request) => request.response).length;
    const enough = (): boolean => answered() >= count;
    await this.log.waitFor(
      (request) => request.interactionToken === interactionToken && enough(),
      timeoutMs,
      `${count} messages for token ${interactionToken.slice(0, 20)}…`,
    );
    return this.messagesFor(interactionToken);
  }

  // ---- what the bot created --------------------------------------------------------------------

  /** Non-ephemeral messages in a channel or thread, as they are now (after edits). */
  channelMessages(channelId: string): APIMessage[] {
    return this.state.messagesIn(channelId);
  }

  get threads(): readonly JsonObject[] {
    return this.state.threads;
  }

  /** Registered commands: global, or for a guild. */
  commands(guildId?: string): readonly JsonObject[] {
    return guildId === undefined ? this.state.globalCommands : (this.state.guildCommands.get(guildId) ?? []);
  }

  // ---- faults -------------------------------------------------------------------------------------

  /** The next matching request(s) fail: e.g. `{ status: 500 }`, `{ status: 429, retryAfterSeconds: 0.2 }`. */
  failNext(rule: FailRule): void {
    this.faults.failNext(rule);
  }

  /** The next matching request waits, unanswered, until `release()`: e.g. an answer held in flight. */
  holdNext(rule: HoldRule): Hold {
    return this.faults.holdNext(rule);
  }

  /** Every REST answer waits this long (0 = none). */
  setDelay(ms: number): void {
    this.faults.delayMs = ms;
  }

  // ---- gateway -----------------------------------------------------------------------------------

  /** True while a client session is on an open socket. */
  get gatewayConnected(): boolean {
    return this.gateway.connected;
  }

  /** Frames the client sent (op 1 heartbeat, 2 identify, 6 resume, ...). */
  get gatewayReceived(): readonly GatewayFrame[] {
    return this.gateway.received;
  }

  /**
   * Sends op 7 RECONNECT; resolves once the client has closed the old socket. The client then reconnects
   * (discord.js waits ~0.5 s) and RESUMEs; dispatches sent meanwhile are replayed on RESUME.
   */
  requestReconnect(): Promise<void> {
    return this.gateway.requestReconnect();
  }

  /** Kills the socket without a close frame (the client sees 1006 and resumes); resolves once closed. */
  dropConnection(): Promise<void> {
    return this.gateway.dropConnection();
  }

  /** Stop answering heartbeats (zombie connection) or start again. */
  setHeartbeatAck(on: boolean): void {
    this.gateway.ackHeartbeats = on;
  }

  /** The first frame from the client matching `predicate` (already received or still to come). */
  waitForGateway(predicate: (frame: GatewayFrame) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<GatewayFrame> {
    return this.gateway.waitFor(predicate, timeoutMs);
  }

  /** Closes sockets and the server at once; pending waits reject. */
  async close(): Promise<void> {
    this.log.close();
    this.faults.releaseAll();
    this.gateway.close();
    await this.server.close();
  }
}

/** Starts a fake Discord on 127.0.0.1 (free port). Close it with `close()`. */
export function startFakeDiscord(options?: FakeDiscordOptions): Promise<FakeDiscord> {
  return FakeDiscord.start(options);
}
