import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Location } from '../retrieval/types.ts';

export type Vote = 'up' | 'down';

/** A cited quote as it stood when voted on: enough to find it again whatever the index version. */
export interface FeedbackCitation extends Location {
  source: string;
  title: string;
  /** Verbatim: the document's text at charStart..charEnd. */
  quote: string;
}

/** One member's vote on one answer (a changed vote replaces it). */
export interface FeedbackEntry {
  at: string;
  /** The answer voted on (its key while the bot ran). */
  answerId: string;
  vote: Vote;
  userId: string;
  guildId: string | null;
  channelId: string | null;
  question: string;
  answered: boolean;
  /** The document the question was restricted to (its source path), if any. */
  document?: string;
  /** The index the answer came from (offsets hold for this version of the documents). */
  indexVersion: string;
  citations: FeedbackCitation[];
}

/** 👍/👎 on answers as JSON lines in one local file, one write at a time. */
export class FeedbackLog {
  private last: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  /**
   * Adds a vote. With `replace`, the member's earlier line for the same answer is dropped: the file is rewritten
   * to a temporary file and renamed over the old one, so a reader never sees half of it.
   */
  record(entry: FeedbackEntry, replace: boolean): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    const write = this.last.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      if (!replace) return appendFile(this.file, line, 'utf8');
      const kept = (await readFile(this.file, 'utf8').catch(() => ''))
        .split('\n')
        .filter((old) => old.trim() !== '' && !sameVoter(old, entry));
      const temp = `${this.file}.${process.pid}.tmp`;
      await writeFile(temp, [...kept, ''].join('\n') + line, 'utf8');
      await rename(temp, this.file);
    });
    this.last = write.catch(() => undefined);
    return write;
  }
}

function sameVoter(line: string, entry: FeedbackEntry): boolean {
  try {
    const old = JSON.parse(line) as Partial<FeedbackEntry>;
    return old.answerId === entry.answerId && old.userId === entry.userId;
  } catch {
    return false; // not ours to judge: keep it
  }
}
