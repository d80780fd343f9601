import {
  MessageFlags,
  MessageType,
  type APIAttachment,
  type APIEmbed,
  type APIMessage,
  type APIMessageInteractionMetadata,
  type APIMessageTopLevelComponent,
  type APIUser,
} from 'discord.js';
import { isoNow, nextSnowflake } from './ids.ts';
import { arrayOrEmpty, isJsonObject, objectOrEmpty, type JsonObject } from './json.ts';

/** Complete message objects (what discord.js needs to build a Message) from create and edit bodies. */

/** Who/what a new message comes from. */
export interface MessageOrigin {
  channelId: string;
  guildId?: string | undefined;
  author: APIUser;
  type?: MessageType;
  /** Set for interaction responses and follow-ups (they are sent through the app's webhook). */
  applicationId?: string;
  interactionMetadata?: APIMessageInteractionMetadata;
}

/** An uploaded file from a multipart body. */
export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

/** Builds a complete message from a create-message body (JSON or payload_json). */
export function createMessage(origin: MessageOrigin, body: JsonObject, files: UploadedFile[] = []): APIMessage {
  const message: APIMessage = {
    id: nextSnowflake(),
    channel_id: origin.channelId,
    author: origin.author,
    content: '',
    timestamp: isoNow(),
    edited_timestamp: null,
    tts: body['tts'] === true,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: origin.type ?? MessageType.Default,
    flags: 0 as MessageFlags,
  };
  if (origin.applicationId !== undefined) {
    message.webhook_id = origin.applicationId;
    message.application_id = origin.applicationId;
  }
  if (origin.interactionMetadata) message.interaction_metadata = origin.interactionMetadata;
  applyMessageEdit(message, body, files);
  message.edited_timestamp = null;
  return message;
}

/** Applies the fields of an edit body to a message, as Discord does (absent fields are kept). */
export function applyMessageEdit(message: APIMessage, body: JsonObject, files: UploadedFile[] = []): void {
  const content = body['content'];
  if (typeof content === 'string') message.content = content;
  else if (content === null) message.content = '';
  if (Array.isArray(body['embeds'])) {
    message.embeds = body['embeds'].map((embed) => ({ type: 'rich', ...objectOrEmpty(embed) }) as APIEmbed);
  }
  if (Array.isArray(body['components'])) message.components = body['components'] as APIMessageTopLevelComponent[];
  const oldFlags = message.flags ?? 0;
  const newFlags = typeof body['flags'] === 'number' ? body['flags'] | (oldFlags & MessageFlags.Ephemeral) : oldFlags;
  message.flags = newFlags & ~MessageFlags.Loading;
  if (Array.isArray(body['attachments']) || files.length > 0) {
    message.attachments = attachmentsFor(message.attachments, body, files);
  }
  // The first edit of a deferred "thinking…" message shows as a new message, not as an edit.
  message.edited_timestamp = (oldFlags & MessageFlags.Loading) !== 0 ? null : isoNow();
}

function attachmentsFor(existing: APIAttachment[], body: JsonObject, files: UploadedFile[]): APIAttachment[] {
  const listed = arrayOrEmpty(body['attachments']).filter(isJsonObject);
  const kept = existing.filter((old) => listed.some((entry) => String(entry['id']) === old.id));
  const uploaded = files.map((file, index): APIAttachment => {
    const id = nextSnowflake();
    const url = `https://cdn.fake.invalid/attachments/${id}/${encodeURIComponent(file.filename)}`;
    const described = listed.find((entry) => String(entry['id']) === String(index));
    const attachment: APIAttachment = {
      id,
      filename: file.filename,
      size: file.size,
      url,
      proxy_url: url,
      content_type: file.contentType,
    };
    if (typeof described?.['description'] === 'string') attachment.description = described['description'];
    return attachment;
  });
  return [...kept, ...uploaded];
}
