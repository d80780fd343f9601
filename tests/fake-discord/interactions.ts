import { InteractionType, type APIInteraction, type APIMessage } from 'discord.js';
import {
  alreadyAcknowledged,
  invalidWebhookToken,
  unknownInteraction,
  unknownMessage,
  unknownWebhook,
} from './errors.ts';

/** What the fake knows about one interaction it dispatched, and how the bot has answered it so far. */
export interface InteractionState {
  id: string;
  token: string;
  payload: APIInteraction;
  /** performance.now() when INTERACTION_CREATE was dispatched. */
  sentAt: number;
  /** performance.now() of the accepted callback; null until then. */
  acknowledgedAt: number | null;
  /** Callback type used (4 reply, 5 defer, 6 defer update, 7 update, 8 autocomplete, 9 modal). */
  responseType: number | null;
  /** The message `@original` is now, as users see it; null if none (yet) or deleted. */
  original: APIMessage | null;
  followUps: APIMessage[];
  /** Choices of an autocomplete answer. */
  choices: unknown[] | null;
  /** Set by `expireInteraction(token)`. */
  expired: boolean;
}

export interface InteractionTiming {
  /** The first callback must arrive within this (Discord: 3000 ms). */
  ackDeadlineMs: number;
  /** Webhook calls with the token work this long after the interaction (Discord: 15 min). */
  tokenLifetimeMs: number;
}

/** Dispatched interactions by id and token, and Discord's rules about when their tokens work. */
export class InteractionRegistry {
  private byIdMap = new Map<string, InteractionState>();
  private byTokenMap = new Map<string, InteractionState>();

  constructor(private readonly timing: InteractionTiming) {}

  register(payload: APIInteraction, sentAt: number): InteractionState {
    const state: InteractionState = {
      id: payload.id,
      token: payload.token,
      payload,
      sentAt,
      acknowledgedAt: null,
      responseType: null,
      original: null,
      followUps: [],
      choices: null,
      expired: false,
    };
    this.byIdMap.set(state.id, state);
    this.byTokenMap.set(state.token, state);
    return state;
  }

  find(idOrToken: string): InteractionState | undefined {
    return this.byIdMap.get(idOrToken) ?? this.byTokenMap.get(idOrToken);
  }

  expire(idOrToken: string): void {
    const state = this.find(idOrToken);
    if (!state) throw new Error(`fake Discord: no interaction ${idOrToken}`);
    state.expired = true;
  }

  /** The interaction a callback is for, or the error Discord would answer. */
  forCallback(id: string, token: string, now: number): InteractionState {
    const state = this.byIdMap.get(id);
    if (!state) throw unknownInteraction();
    if (state.token !== token) throw invalidWebhookToken();
    if (state.acknowledgedAt !== null) throw alreadyAcknowledged();
    if (state.expired || now - state.sentAt > this.timing.ackDeadlineMs) throw unknownInteraction();
    return state;
  }

  /** The interaction an interaction-webhook call is for, or the error Discord would answer. */
  forWebhook(applicationId: string, token: string, now: number): InteractionState {
    const state = this.byTokenMap.get(token);
    if (!state || state.payload.application_id !== applicationId) throw unknownWebhook();
    if (state.expired || now - state.sentAt > this.timing.tokenLifetimeMs) throw unknownWebhook();
    // Before the first callback, and for autocomplete, there is no webhook behind the token.
    if (state.acknowledgedAt === null || state.payload.type === InteractionType.ApplicationCommandAutocomplete) {
      throw unknownWebhook();
    }
    return state;
  }

  /** `@original` or a follow-up's id. */
  static message(state: InteractionState, messageId: string): APIMessage {
    if (messageId === '@original' || messageId === state.original?.id) {
      if (!state.original) throw unknownMessage();
      return state.original;
    }
    const followUp = state.followUps.find((message) => message.id === messageId);
    if (!followUp) throw unknownMessage();
    return followUp;
  }
}
