import { MessageFlags, type MessageComponentInteraction, type RepliableInteraction } from 'discord.js';
import type { MessagePayload } from './render/limits.ts';

/**
 * The one way the bot sends messages. Every message goes out with `allowedMentions: { parse: [] }`, so a quoted
 * `@everyone` or role mention never pings anyone, whatever the caller passed.
 */
const NO_MENTIONS = { parse: [] as [] };

function safe(payload: MessagePayload) {
  return { content: payload.content ?? '', embeds: payload.embeds ?? [], components: payload.components ?? [], allowedMentions: NO_MENTIONS };
}

/** First response within Discord's 3 s: "thinking…", ephemeral or not. */
export async function defer(interaction: RepliableInteraction, ephemeral: boolean): Promise<void> {
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
}

/**
 * Answers an interaction: a reply if nothing was sent yet, else an edit of the reply (a deferred reply's
 * ephemerality was fixed when deferring).
 */
export async function respond(
  interaction: RepliableInteraction,
  payload: MessagePayload,
  options: { ephemeral?: boolean } = {},
): Promise<void> {
  if (interaction.deferred || interaction.replied) {
    await interaction.editReply(safe(payload));
  } else {
    await interaction.reply({ ...safe(payload), ...(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
  }
}

/** One more message after the reply (ephemeral or not). */
export async function followUp(
  interaction: RepliableInteraction,
  payload: MessagePayload,
  options: { ephemeral?: boolean } = {},
): Promise<void> {
  await interaction.followUp({ ...safe(payload), ...(options.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
}

/**
 * A private answer whatever came before: after a public "thinking…" the placeholder is removed and the answer
 * sent as an ephemeral follow-up (e.g. /quote finding nothing); after a real reply, an ephemeral follow-up.
 */
export async function respondPrivately(interaction: RepliableInteraction, payload: MessagePayload): Promise<void> {
  if (interaction.deferred && !interaction.replied && !interaction.ephemeral) {
    await interaction.deleteReply();
    await followUp(interaction, payload, { ephemeral: true });
  } else if (interaction.replied) {
    await followUp(interaction, payload, { ephemeral: true });
  } else {
    await respond(interaction, payload, { ephemeral: true });
  }
}

/** Replaces the message a button or menu sits on (paging). */
export async function update(interaction: MessageComponentInteraction, payload: MessagePayload): Promise<void> {
  await interaction.update(safe(payload));
}
