import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createS3OpenDataPublisher } from '../../functions/publish/s3-open-data-publisher.ts';

// S3 has no local engine: aws-sdk-client-mock stands in for it.
const s3 = mockClient(S3Client);
afterEach(() => s3.reset());
// The suite shares modules between files (isolate: false): give S3Client its real send back.
afterAll(() => s3.restore());

const publisher = () =>
  createS3OpenDataPublisher(new S3Client({ region: 'eu-west-2' }), {
    bucket: 'register-assets',
    keyPrefix: 'assets/open-data/',
    urlPrefix: '/assets/open-data/',
  });

const streamOf = (chunks: Uint8Array[]) =>
  new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });

describe('the S3 open-data publisher', () => {
  it('puts a small file under its prefix with its media type, and answers its public address and size', async () => {
    s3.on(PutObjectCommand).resolves({});
    const body = new TextEncoder().encode('StatementYear,StatementId\r\n2025,01ABC\r\n');
    const answer = await publisher().publish({
      name: 'statements-2025.csv',
      contentType: 'text/csv; charset=utf-8; header=present',
      body: streamOf([body.slice(0, 10), body.slice(10)]),
    });
    expect(answer).toEqual({ url: '/assets/open-data/statements-2025.csv', bytes: body.byteLength });
    const [put] = s3.commandCalls(PutObjectCommand);
    expect(put?.args[0].input).toMatchObject({
      Bucket: 'register-assets',
      Key: 'assets/open-data/statements-2025.csv',
      ContentType: 'text/csv; charset=utf-8; header=present',
      ContentDisposition: 'attachment; filename="statements-2025.csv"',
    });
    expect(Buffer.from(put?.args[0].input.Body as Uint8Array).toString()).toBe(Buffer.from(body).toString());
  });

  it('sends a large file in parts as it streams, and completes the upload once', async () => {
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'u1' });
    s3.on(UploadPartCommand).resolves({ ETag: '"e"' });
    s3.on(CompleteMultipartUploadCommand).resolves({});
    const mb = new Uint8Array(1024 * 1024).fill(65);
    const answer = await publisher().publish({
      name: 'statements-2024.jsonl',
      contentType: 'application/x-ndjson; charset=utf-8',
      body: streamOf(Array.from({ length: 17 }, () => mb)),
    });
    expect(answer.bytes).toBe(17 * 1024 * 1024);
    expect(s3.commandCalls(UploadPartCommand)).toHaveLength(3);
    expect(s3.commandCalls(CompleteMultipartUploadCommand)).toHaveLength(1);
  });

  it('aborts the upload when a part fails, leaving no half-written file, and says so', async () => {
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'u2' });
    s3.on(UploadPartCommand).rejects(new Error('SlowDown'));
    s3.on(AbortMultipartUploadCommand).resolves({});
    const mb = new Uint8Array(1024 * 1024).fill(66);
    await expect(
      publisher().publish({
        name: 'statements-2023.csv',
        contentType: 'text/csv; charset=utf-8; header=present',
        body: streamOf(Array.from({ length: 10 }, () => mb)),
      }),
    ).rejects.toThrow('SlowDown');
    expect(s3.commandCalls(AbortMultipartUploadCommand)).toHaveLength(1);
    expect(s3.commandCalls(CompleteMultipartUploadCommand)).toHaveLength(0);
  });
});
