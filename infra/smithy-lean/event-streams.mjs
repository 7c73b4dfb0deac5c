// The AWS SDK's protocols load their event-stream codec lazily (`import('@smithy/core/event-streams')`),
// and esbuild inlines that import into the one-file bundle: 15 KB in every Lambda. No operation the
// register calls streams events (DynamoDB, DynamoDB Streams, S3, SES, Secrets Manager, CloudFront,
// Lambda configuration), so infra/bundling.ts aliases the module to this one. Clients that declare
// streaming operations (S3, Lambda) still build their (unused) marshaller when constructed; using
// it fails loudly here rather than somewhere inside the SDK.
export { resolveEventStreamSerdeConfig } from '../../node_modules/@smithy/core/dist-es/submodules/event-streams/eventstream-serde-config-resolver/EventStreamSerdeConfig.js';

const unused = () => {
  throw new Error(
    'AWS event streams are left out of the Lambda bundles (infra/smithy-lean/event-streams.mjs): remove that alias to call a streaming operation',
  );
};

export class EventStreamSerde {
  constructor() {
    unused();
  }
}

export const eventStreamSerdeProvider = () => ({ serialize: unused, deserialize: unused });
