import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { exportItems } from '../../functions/store/backup/export-items.ts';
import { importItems } from '../../functions/store/backup/import-items.ts';
import { useTestTable } from '../support/table.ts';

describe('export and import of the whole table', () => {
  const source = useTestTable();
  const target = useTestTable();

  it('re-imports into an empty table exactly the items it exported, types included, each marked with the import run', async () => {
    const items = Array.from({ length: 60 }, (_, i) => ({
      pk: `ITEM#${i}`,
      sk: i % 2 ? 'A' : 'B',
      count: i,
      ratio: i / 7,
      flags: new Set([`f${i}`, 'shared']),
      blob: new Uint8Array([i, 255, 0]),
      nested: { list: [1, 'two', { three: true }], empty: null },
      text: `line one\nline "two", with ünïcödé ${i}`,
    }));
    for (const Item of items)
      await source.store.doc.send(new PutCommand({ TableName: source.store.tableName, Item }));

    const lines: string[] = [];
    const exported = await exportItems(source.store, (line) => void lines.push(line));
    expect(exported).toBe(60);

    const imported = await importItems(target.store, lines.join('').split('\n'), 'run-1');
    expect(imported).toBe(60);

    const again: string[] = [];
    await exportItems(target.store, (line) => void again.push(line));
    const byKey = (text: string) => {
      const item = JSON.parse(text) as Record<string, { S?: string }>;
      return `${item.pk?.S}|${item.sk?.S}`;
    };
    const original = new Map(lines.map((line) => [byKey(line), JSON.parse(line)]));
    expect(again).toHaveLength(60);
    for (const line of again) {
      const { restoredBy, ...item } = JSON.parse(line);
      expect(restoredBy).toEqual({ S: 'run-1' });
      expect(item).toEqual(original.get(byKey(line)));
    }
  });

  it('refuses a line that is not an exported item, naming the line', async () => {
    await expect(importItems(target.store, ['{"pk":{"S":"x"},"sk":{"S":"y"}}', '[1,2]'])).rejects.toThrow(
      /line 2/,
    );
  });
});
