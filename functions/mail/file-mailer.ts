import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';
import type { Mailer } from './mailer.ts';

export const storedMailSchema = z.object({
  id: z.string(),
  at: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  noticeId: z.string().optional(),
});
export type StoredMail = z.infer<typeof storedMailSchema>;

/**
 * Local development: every email becomes a JSON file in `<data folder>/outbox`, listed at
 * /dev/outbox (a page only the local server mounts). Nothing leaves the machine.
 */
export function createFileMailer(
  folder: string,
  clock: () => Date = () => new Date(),
): Mailer & {
  list(): Promise<StoredMail[]>;
} {
  return {
    async send(message) {
      await mkdir(folder, { recursive: true });
      const at = clock().toISOString();
      const id = `${at.replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
      const stored: StoredMail = { id, at, to: message.to, subject: message.subject, text: message.text };
      if (message.noticeId) stored.noticeId = message.noticeId;
      await writeFile(path.join(folder, `${id}.json`), JSON.stringify(stored, null, 2));
      return { messageId: id };
    },
    async list() {
      let names: string[];
      try {
        names = (await readdir(folder)).filter((name) => name.endsWith('.json'));
      } catch {
        return [];
      }
      const mails: StoredMail[] = [];
      for (const name of names.sort().reverse().slice(0, 200)) {
        const parsed = storedMailSchema.safeParse(
          JSON.parse(await readFile(path.join(folder, name), 'utf8')),
        );
        if (parsed.success) mails.push(parsed.data);
      }
      return mails;
    },
  };
}
