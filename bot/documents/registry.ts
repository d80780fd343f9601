// Who added each document from Discord, when, and the page it came from (so its citations can link there). One
// small JSON file, rewritten atomically; the bot is its only writer.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../store/atomic-write.ts';

const record = z.object({
  hash: z.string(),
  bytes: z.number(),
  addedAt: z.string(),
  addedBy: z.object({ id: z.string(), name: z.string() }),
  url: z.string().optional(),
});
const file = z.record(z.string(), record);

export type AddedRecord = z.infer<typeof record>;

export class AddedDocuments {
  private records: Record<string, AddedRecord> | undefined;

  constructor(private readonly path: string) {}

  /** Every record by the document's source path; a missing or unreadable file reads as none. */
  all(): Record<string, AddedRecord> {
    if (!this.records) {
      try {
        this.records = file.parse(JSON.parse(readFileSync(this.path, 'utf8')));
      } catch {
        this.records = {};
      }
    }
    return this.records;
  }

  get(source: string): AddedRecord | undefined {
    return this.all()[source];
  }

  /** The page a document was fetched from, if it was. */
  urlFor(source: string): string | undefined {
    return this.get(source)?.url;
  }

  /** Records a document (replacing what was known of that path). A removed document keeps its record, so moving it back restores its link. */
  set(source: string, value: AddedRecord): void {
    const next = { ...this.all(), [source]: value };
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileAtomic(this.path, JSON.stringify(next, null, 1) + '\n');
    this.records = next;
  }
}
