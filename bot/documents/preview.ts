// The preview of a file before /documents add writes it: the indexer's own reading of it (cli/preview.ts), run as a
// child process like /reindex runs the indexer, so the bot needs no format code and every loader works here.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

const location = z.object({
  charStart: z.number(),
  charEnd: z.number(),
  lineStart: z.number(),
  lineEnd: z.number(),
  paragraph: z.number(),
  page: z.number().optional(),
});
const facts = { name: z.string(), bytes: z.number(), hash: z.string(), sameContent: z.array(z.string()) };
const previewLine = z.discriminatedUnion('ok', [
  z.object({
    type: z.literal('preview'),
    ...facts,
    ok: z.literal(true),
    format: z.string(),
    title: z.string(),
    passages: z.number(),
    first: z.object({
      display: z.string(),
      kind: z.enum(['prose', 'code', 'row']),
      language: z.string().optional(),
      section: z.array(z.string()),
      location,
    }),
  }),
  z.object({ type: z.literal('preview'), ...facts, ok: z.literal(false), format: z.string().optional(), reason: z.string() }),
]);

export type Preview = z.infer<typeof previewLine>;

/** How to run the preview: the command, and its arguments for a file and the name it would have. */
export interface PreviewCommand {
  command: string;
  args: (file: string, name: string) => string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** The preview could not be made (the child failed); the message is one line for logs and the moderator. */
export class PreviewFailed extends Error {}

/** As many previews as the bot makes at once are being made. */
export class PreviewBusy extends Error {}

/** Writes the bytes to a private temporary file (outside the documents folder), previews it, removes the file. */
export async function previewFile(spec: PreviewCommand, bytes: Uint8Array, name: string, timeoutMs: number): Promise<Preview> {
  const dir = mkdtempSync(join(tmpdir(), 'citebot-preview-'));
  try {
    const file = join(dir, 'document');
    writeFileSync(file, bytes, { mode: 0o600 });
    let stdout: string;
    try {
      ({ stdout } = await promisify(execFile)(spec.command, spec.args(file, name), {
        cwd: spec.cwd,
        env: spec.env ?? process.env,
        timeout: timeoutMs,
        maxBuffer: 1 << 20,
        encoding: 'utf8',
      }));
    } catch (error) {
      const failed = error as { stderr?: string; killed?: boolean; message: string };
      const line = failed.stderr?.trim().split('\n').filter(Boolean).at(-1);
      throw new PreviewFailed(failed.killed ? `reading the file took longer than ${Math.round(timeoutMs / 1000)} s` : (line ?? failed.message.split('\n')[0]!));
    }
    const last = stdout.trim().split('\n').at(-1) ?? '';
    let parsed: ReturnType<typeof previewLine.safeParse>;
    try {
      parsed = previewLine.safeParse(JSON.parse(last));
    } catch {
      throw new PreviewFailed('the preview printed no result');
    }
    if (!parsed.success) throw new PreviewFailed('the preview printed an unexpected result');
    return parsed.data;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
