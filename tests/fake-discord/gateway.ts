import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { GatewayIntentBits, GatewayOpcodes } from 'discord.js';
import { WebSocket, type RawData, type WebSocketServer } from 'ws';
import { guildCreateObject } from './objects.ts';
import type { FakeWorld } from './world.ts';

/** A frame the client sent over the gateway. */
export interface GatewayFrame {
  op: number;
  d: unknown;
  /** performance.now() when it arrived. */
  at: number;
}

interface Session {
  id: string;
  seq: number;
  /** Every dispatch of the session, for replay on RESUME. */
  dispatched: { s: number; t: string; d: unknown }[];
  socket: WebSocket | null;
}

export interface GatewayOptions {
  world: FakeWorld;
  heartbeatIntervalMs: number;
  /** The URL READY gives as `resume_gateway_url`. */
  resumeUrl: () => string;
}

function send(socket: WebSocket | null, payload: unknown): Promise<void> {
  if (socket?.readyState !== WebSocket.OPEN) return Promise.resolve();
  return new Promise((resolve) => socket.send(JSON.stringify(payload), () => resolve()));
}

/** The gateway half of the fake: HELLO, IDENTIFY→READY(+GUILD_CREATE), heartbeats, RESUME with replay. */
export class FakeGateway {
  readonly received: GatewayFrame[] = [];
  /** Turn off to let the client see a zombie connection. */
  ackHeartbeats = true;
  private session: Session | null = null;
  private listeners = new Set<(frame: GatewayFrame) => void>();
  private pendingWaits = new Set<() => void>();

  constructor(
    private readonly wss: WebSocketServer,
    private readonly options: GatewayOptions,
  ) {
    wss.on('connection', (socket) => this.accept(socket));
  }

  /** True while a client is identified (or resumed) on an open socket. */
  get connected(): boolean {
    return this.session?.socket?.readyState === WebSocket.OPEN;
  }

  /** Sends a dispatch to the session (replayed after a RESUME if the socket is down). */
  async dispatch(t: string, d: unknown): Promise<void> {
    const session = this.session;
    if (!session) throw new Error('fake Discord: no gateway session yet (has the client logged in?)');
    session.seq += 1;
    session.dispatched.push({ s: session.seq, t, d });
    await send(session.socket, { op: GatewayOpcodes.Dispatch, t, s: session.seq, d });
  }

  /** Op 7: the client should close and RESUME. Resolves once the client has closed the old socket. */
  async requestReconnect(): Promise<void> {
    const socket = this.session?.socket;
    if (!socket) return;
    const closed = once(socket, 'close');
    await send(socket, { op: GatewayOpcodes.Reconnect, d: null });
    await closed;
  }

  /** Cuts the connection without a close frame (the client sees 1006 and resumes). Resolves once it is closed. */
  async dropConnection(): Promise<void> {
    const socket = this.session?.socket;
    if (!socket) return;
    const closed = once(socket, 'close');
    socket.terminate();
    await closed;
  }

  /** The first frame matching `predicate`, already received or still to come. */
  waitFor(predicate: (frame: GatewayFrame) => boolean, timeoutMs: number): Promise<GatewayFrame> {
    const found = this.received.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const finish = (settle: () => void): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        this.pendingWaits.delete(cancel);
        settle();
      };
      const listener = (frame: GatewayFrame): void => {
        if (predicate(frame)) finish(() => resolve(frame));
      };
      const cancel = (): void => finish(() => reject(new Error('fake Discord closed')));
      const timer = setTimeout(() => {
        finish(() => reject(new Error(`fake Discord: no matching gateway frame within ${timeoutMs} ms`)));
      }, timeoutMs);
      this.listeners.add(listener);
      this.pendingWaits.add(cancel);
    });
  }

  close(): void {
    for (const cancel of this.pendingWaits) cancel();
    for (const socket of this.wss.clients) socket.terminate();
  }

  private accept(socket: WebSocket): void {
    void send(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs } });
    socket.on('message', (data) => this.receive(socket, data));
    socket.on('close', () => {
      if (this.session?.socket === socket) this.session.socket = null;
    });
  }

  private receive(socket: WebSocket, data: RawData): void {
    let frame: GatewayFrame;
    try {
      const parsed = JSON.parse(data.toString()) as { op: number; d: unknown };
      frame = { op: parsed.op, d: parsed.d, at: performance.now() };
    } catch {
      socket.close(4002, 'Error while decoding payload.');
      return;
    }
    this.received.push(frame);
    if (frame.op === GatewayOpcodes.Heartbeat && this.ackHeartbeats) {
      void send(socket, { op: GatewayOpcodes.HeartbeatAck });
    }
    if (frame.op === GatewayOpcodes.Identify) void this.identify(socket, frame.d as { intents?: number });
    if (frame.op === GatewayOpcodes.Resume) void this.resume(socket, frame.d as { session_id?: string; seq?: number });
    for (const listener of this.listeners) listener(frame);
  }

  private async identify(socket: WebSocket, identify: { intents?: number }): Promise<void> {
    const { world } = this.options;
    this.session?.socket?.close(4005, 'Already authenticated.');
    this.session = { id: randomBytes(16).toString('hex'), seq: 0, dispatched: [], socket };
    await this.dispatch('READY', {
      v: 10,
      user: world.botUser,
      application: { id: world.applicationId, flags: 0 },
      guilds: world.guild ? [{ id: world.guild.id, unavailable: true }] : [],
      session_id: this.session.id,
      resume_gateway_url: this.options.resumeUrl(),
      shard: [0, 1],
      private_channels: [],
      presences: [],
      relationships: [],
      user_settings: {},
      _trace: ['fake-discord'],
    });
    const wantsGuilds = ((identify.intents ?? 0) & GatewayIntentBits.Guilds) !== 0;
    if (world.guild && wantsGuilds) await this.dispatch('GUILD_CREATE', guildCreateObject(world.guild, world.botUser));
  }

  private async resume(socket: WebSocket, resume: { session_id?: string; seq?: number }): Promise<void> {
    const session = this.session;
    if (!session || resume.session_id !== session.id) {
      await send(socket, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    if (session.socket !== socket) session.socket?.terminate();
    session.socket = socket;
    for (const missed of session.dispatched.filter(({ s }) => s > (resume.seq ?? 0))) {
      await send(socket, { op: GatewayOpcodes.Dispatch, ...missed });
    }
    await this.dispatch('RESUMED', { _trace: ['fake-discord'] });
  }
}
