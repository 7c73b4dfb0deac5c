import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { tableDefinition } from '../functions/store/table-definition.ts';

const streamViewTypes = {
  NEW_AND_OLD_IMAGES: StreamViewType.NEW_AND_OLD_IMAGES,
  NEW_IMAGE: StreamViewType.NEW_IMAGE,
  OLD_IMAGE: StreamViewType.OLD_IMAGE,
  KEYS_ONLY: StreamViewType.KEYS_ONLY,
} as const;

/**
 * The register's stateful parts: the one DynamoDB table (built from the same definition the
 * local bootstrap uses) and the S3 buckets. Everything here is RETAINed: deleting the stack
 * never deletes statements, documents or logs.
 */
export class RegisterStorage extends Construct {
  readonly table: Table;
  /** Archived copies of statement documents (PDF/HTML as fetched or uploaded). */
  readonly archiveBucket: Bucket;
  /** Stylesheet, GOV.UK Frontend script, fonts and images, served by CloudFront under /assets/. */
  readonly assetsBucket: Bucket;
  /** S3 server access logs of the other buckets and CloudFront's standard logs. */
  readonly logBucket: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const definition = tableDefinition;
    this.table = new Table(this, 'Table', {
      partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: definition.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: TableEncryption.AWS_MANAGED,
      stream: streamViewTypes[definition.streamViewType],
      timeToLiveAttribute: definition.timeToLiveAttribute,
    });
    for (const index of definition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType[index.projection],
      });
    }

    this.logBucket = new Bucket(this, 'LogBucket', {
      ...hardened,
      // CloudFront standard logging writes with ACLs, so this bucket (only) keeps them enabled.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(400) }],
    });

    this.archiveBucket = new Bucket(this, 'ArchiveBucket', {
      ...hardened,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'archive-bucket/',
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
    });

    this.assetsBucket = new Bucket(this, 'AssetsBucket', {
      ...hardened,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'assets-bucket/',
      lifecycleRules: [{ id: 'expire-old-asset-versions', noncurrentVersionExpiration: Duration.days(30) }],
    });
  }
}

/** Every bucket: versioned, encrypted, no public access, TLS only, kept when the stack goes. */
const hardened = {
  versioned: true,
  encryption: BucketEncryption.S3_MANAGED,
  blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
  enforceSSL: true,
  removalPolicy: RemovalPolicy.RETAIN,
  autoDeleteObjects: false,
} as const;
