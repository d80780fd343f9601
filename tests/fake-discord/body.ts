import type { IncomingMessage } from 'node:http';
import { DiscordError } from './errors.ts';
import type { UploadedFile } from './messages.ts';

export interface ParsedBody {
  /** JSON body, or the `payload_json` part of a multipart body; null when there is none. */
  json: unknown;
  files: UploadedFile[];
}

async function readAll(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DiscordError(400, { message: 'The request body contains invalid JSON.', code: 50109 });
  }
}

async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  let json: unknown = null;
  const files: UploadedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') json = parseJson(value);
    } else {
      files.push({ field, filename: value.name, contentType: value.type, size: value.size });
    }
  }
  return { json, files };
}

/** Reads a request body as Discord accepts it: JSON, or multipart/form-data with a payload_json part. */
export async function parseBody(request: IncomingMessage): Promise<ParsedBody> {
  const raw = await readAll(request);
  if (raw.length === 0) return { json: null, files: [] };
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) return parseMultipart(raw, contentType);
  return { json: parseJson(raw.toString('utf8')), files: [] };
}
