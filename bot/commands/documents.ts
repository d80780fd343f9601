import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { DOCUMENTS_PREFIX, parseDocumentsCustomId } from '../custom-ids.ts';
import { autocompleteDocument } from '../document-autocomplete.ts';
import { addDocument, cancelDocument, confirmDocument } from '../documents/add.ts';
import { DocumentFolder } from '../documents/folder.ts';
import { MAX_NAME_LENGTH } from '../documents/names.ts';
import { removeDocument } from '../documents/remove.ts';
import { refuseUnlessModerator } from '../moderator-gate.ts';
import { renderDocumentList, type AddedEntry } from '../render/documents.ts';
import { renderNotice } from '../render/messages.ts';
import { respond, update } from '../reply.ts';
import type { BotServices, SlashCommand } from '../types.ts';
import { INSTALLED_TO } from './where.ts';

const IN_DM = 'Documents can only be managed from a server, not in DMs.';

export const documents: SlashCommand = {
  kind: 'slash',
  data: new SlashCommandBuilder()
    .setName('documents')
    .setDescription('Moderators: add, remove and list the documents citebot answers from.')
    .addSubcommand((sub) =>
      sub
        .setName('add')
        .setDescription('Add a document from a file or a link; you see a private preview first.')
        .addAttachmentOption((option) => option.setName('file').setDescription('The document file'))
        .addStringOption((option) => option.setName('link').setDescription('Or a link to a web page or file (http or https)').setMaxLength(2000))
        .addStringOption((option) =>
          option.setName('name').setDescription('The file name to save it as (default: its own name)').setMaxLength(MAX_NAME_LENGTH),
        ),
    )
    .addSubcommand((sub) =>
      sub
        .setName('remove')
        .setDescription('Remove a document; it is kept aside for a while, so a mistake can be undone.')
        .addStringOption((option) => option.setName('document').setDescription('The document').setRequired(true).setAutocomplete(true)),
    )
    .addSubcommand((sub) => sub.setName('list').setDescription('The documents added from Discord, who added them and when.'))
    // Hidden from non-moderators by default; every use is checked again, since servers can change who sees it.
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setIntegrationTypes(...INSTALLED_TO)
    .setContexts(InteractionContextType.Guild),

  async execute(interaction, bot) {
    const refused = await refuseUnlessModerator(interaction, bot, 'documents', 'add or remove documents', IN_DM);
    if (refused) return refused;
    switch (interaction.options.getSubcommand(false)) {
      case 'add':
        return addDocument(interaction, bot);
      case 'remove':
        return removeDocument(interaction, bot);
      case 'list':
        await respond(interaction, renderDocumentList(addedEntries(bot)), { ephemeral: true });
        return 'listed';
      default:
        await respond(interaction, renderNotice('Use /documents add, remove or list.'), { ephemeral: true });
        return 'unknown-command';
    }
  },

  autocomplete: autocompleteDocument,

  componentPrefix: DOCUMENTS_PREFIX,
  async component(interaction, bot) {
    const refused = await refuseUnlessModerator(interaction, bot, 'documents', 'add or remove documents', IN_DM);
    if (refused) return refused;
    const pressed = interaction.isButton() ? parseDocumentsCustomId(interaction.customId) : undefined;
    if (!pressed || !interaction.isButton()) {
      await respond(interaction, renderNotice("That button isn't valid."), { ephemeral: true });
      return 'invalid-button';
    }
    if (pressed.action === 'page') {
      await update(interaction, renderDocumentList(addedEntries(bot), pressed.page));
      return 'page';
    }
    if (pressed.action === 'cancel') return cancelDocument(interaction, bot, pressed.key);
    return confirmDocument(interaction, bot, pressed.key, pressed.action === 'replace');
  },
};

/** The files in added/, with their passages in the live index and who added them. */
function addedEntries(bot: BotServices): AddedEntry[] {
  const indexed = new Map(bot.engine.documents().map((doc) => [doc.source, doc.passages]));
  return bot.documents.folder.names().map((name) => {
    const source = DocumentFolder.source(name);
    const record = bot.documents.added.get(source);
    return { source, passages: indexed.get(source), addedBy: record?.addedBy, addedAt: record?.addedAt, url: record?.url };
  });
}
