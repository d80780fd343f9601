import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface FeedbackEntry {
  at: string;
  vote: 'up' | 'down';
  userId: string;
  guildId: string | null;
  channelId: string | null;
  question: string;
  /** Ids of the passages the answer cited (in the index `indexVersion`). */
  passageIds: number[];
  indexVersion: string;
  answered: boolean;
}

/** 👍/👎 on answers, appended as JSON lines to one local file (one write at a time). */
export class FeedbackLog {
  private last: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  append(entry: FeedbackEntry): Promise<void> {
    const line = `${JSON.stringify(entry)}\n`;
    const write = this.last.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      await appendFile(this.file, line, 'utf8');
    });
    this.last = write.catch(() => undefined);
    return write;
  }
}
