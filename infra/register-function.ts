import path from 'node:path';
import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import {
  afterBundlingCommands,
  carriesFiles,
  esbuildOptions,
  type HandlerName,
  handlerEntries,
  lambdaAssetRoot,
  projectRoot,
} from './bundling.ts';

export interface RegisterFunctionProps {
  handler: HandlerName;
  /** POWERTOOLS_SERVICE_NAME: names the function in logs, metrics and traces. */
  serviceName: string;
  memorySize: number;
  timeout: Duration;
  logRetention: RetentionDays;
  environment: Record<string, string>;
  description: string;
}

export const metricsNamespace = 'ModernSlaveryRegister';

/**
 * One of the register's Lambda functions: Node 22 on arm64, an ESM bundle built by esbuild
 * (minified, with source maps), X-Ray tracing (Powertools Tracer), JSON logs into a log group
 * with a set retention.
 * Bundles carry the files their code reads at run time (infra/bundling.ts, bundleExtras).
 */
export function registerFunction(scope: Construct, id: string, props: RegisterFunctionProps): NodejsFunction {
  const logGroup = new LogGroup(scope, `${id}Logs`, {
    retention: props.logRetention,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // Its own role, not AWSLambdaBasicExecutionRole: it may write to its own log group only.
  const role = new Role(scope, `${id}Role`, {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    description: `Runs the register ${props.handler} function`,
  });
  logGroup.grantWrite(role);
  return new NodejsFunction(scope, id, {
    role,
    description: props.description,
    entry: path.join(projectRoot, handlerEntries[props.handler]),
    handler: 'handler',
    projectRoot,
    depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
    runtime: Runtime.NODEJS_22_X,
    architecture: Architecture.ARM_64,
    memorySize: props.memorySize,
    timeout: props.timeout,
    tracing: Tracing.ACTIVE,
    loggingFormat: LoggingFormat.JSON,
    logGroup,
    environment: {
      ...props.environment,
      POWERTOOLS_SERVICE_NAME: props.serviceName,
      POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
      // Powertools Tracer (functions/handlers/observability.ts) on the X-Ray tracing above; never
      // a response in a trace (pages, downloads, personal data), errors are recorded.
      POWERTOOLS_TRACE_ENABLED: 'true',
      POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'false',
      ...(carriesFiles(props.handler) ? { REGISTER_ASSET_ROOT: lambdaAssetRoot } : {}),
    },
    bundling: {
      format: OutputFormat.ESM,
      target: esbuildOptions.target,
      minify: esbuildOptions.minify,
      sourceMap: esbuildOptions.sourcemap,
      sourcesContent: esbuildOptions.sourcesContent,
      mainFields: [...esbuildOptions.mainFields],
      banner: esbuildOptions.banner,
      externalModules: [...esbuildOptions.external],
      esbuildArgs: {
        '--alias': Object.entries(esbuildOptions.alias).map(([from, to]) => `${from}=${to}`),
      },
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (inputDir, outputDir) => afterBundlingCommands(props.handler, inputDir, outputDir),
      },
    },
  });
}
