import { describe, expect, it } from 'vitest';
import { streamParallelFrom } from '../../functions/local/server.ts';

describe('the local stream worker batches in flight (LOCAL_STREAM_PARALLEL)', () => {
  it.each([
    [undefined, 4],
    ['', 4],
    ['1', 1],
    ['10', 10],
  ])('reads %j as %i', (value, expected) => {
    expect(streamParallelFrom({ LOCAL_STREAM_PARALLEL: value })).toBe(expected);
  });

  it.each(['0', '11', '2.5', 'four'])('refuses %j', (value) => {
    expect(() => streamParallelFrom({ LOCAL_STREAM_PARALLEL: value })).toThrow(/LOCAL_STREAM_PARALLEL/);
  });
});
