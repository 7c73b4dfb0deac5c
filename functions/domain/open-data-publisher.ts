/**
 * Publishes a year's open-data file as a static file (S3 behind CloudFront in AWS), so that a
 * download never passes through a Lambda answer (API Gateway buffers those, up to 6 MB).
 */
export interface OpenDataPublisher {
  /** Streams `body` to the file `name`; answers the address people download it from, and its size. */
  publish(file: {
    name: string;
    contentType: string;
    body: ReadableStream<Uint8Array>;
  }): Promise<{ url: string; bytes: number }>;
}
