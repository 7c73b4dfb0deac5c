import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { OpenDataPublisher } from '../domain/open-data-publisher.ts';

export interface S3PublisherOptions {
  bucket: string;
  /** Key prefix in the bucket, e.g. `assets/open-data/`. */
  keyPrefix: string;
  /** Public address prefix of the same files, e.g. `/assets/open-data/` (served by CloudFront). */
  urlPrefix: string;
  /** Cache-Control of the published files. */
  cacheControl?: string;
}

/**
 * Publishes open-data files to S3 with a multipart upload (lib-storage): parts of 8 MB are sent
 * as the stream produces them, at most two at a time, so memory stays flat whatever the size.
 */
export function createS3OpenDataPublisher(client: S3Client, options: S3PublisherOptions): OpenDataPublisher {
  return {
    async publish({ name, contentType, body }) {
      let bytes = 0;
      const counted = Readable.fromWeb(body as NodeReadableStream<Uint8Array>).on('data', (chunk: Buffer) => {
        bytes += chunk.byteLength;
      });
      await new Upload({
        client,
        queueSize: 2,
        partSize: 8 * 1024 * 1024,
        leavePartsOnError: false,
        params: {
          Bucket: options.bucket,
          Key: `${options.keyPrefix}${name}`,
          Body: counted,
          ContentType: contentType,
          CacheControl: options.cacheControl ?? 'public, max-age=3600',
          ContentDisposition: `attachment; filename="${name}"`,
        },
      }).done();
      return { url: `${options.urlPrefix}${name}`, bytes };
    },
  };
}
