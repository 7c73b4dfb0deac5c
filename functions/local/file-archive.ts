import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as z from 'zod';
import { type Archive, isSafeArchiveKey } from '../domain/archive.ts';

const metaSchema = z.object({ contentType: z.string() });

/** The archive on this machine: files under <dataDir>/archive/<key>, with a .meta.json beside each. */
export function createFileArchive(root: string): Archive {
  const fileFor = (key: string) => {
    if (!isSafeArchiveKey(key)) throw new Error(`Unsafe archive key: ${key}`);
    return path.join(root, ...key.split('/'));
  };
  return {
    async put(key, body, contentType) {
      const file = fileFor(key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, body);
      await writeFile(`${file}.meta.json`, JSON.stringify({ contentType }));
    },
    async get(key) {
      const file = fileFor(key);
      try {
        const [body, meta] = await Promise.all([readFile(file), readFile(`${file}.meta.json`, 'utf8')]);
        return { body: new Uint8Array(body), contentType: metaSchema.parse(JSON.parse(meta)).contentType };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}
