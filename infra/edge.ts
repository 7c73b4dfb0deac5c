import { Duration, Fn } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CachedMethods,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER } from '../functions/app/edge.ts';

export interface RegisterEdgeProps {
  api: HttpApi;
  assetsBucket: IBucket;
  logBucket: IBucket;
  /** Build a CLOUDFRONT-scoped web ACL here (the stack must then be in us-east-1). */
  waf: boolean;
  /** Or attach one made elsewhere (us-east-1, scope CLOUDFRONT). */
  webAclArn?: string | undefined;
  wafRequestsPer5MinutesPerIp: number;
  domainName?: string | undefined;
  certificateArn?: string | undefined;
  /** Sent to the API as x-origin-verify; the app refuses requests without it. Deployed with its
   * AWSCURRENT value; the rotation function (register-stack.ts) changes the header in between. */
  originSecret: ISecret;
}

/** The API origin's id in the distribution: the origin secret's rotation finds its header by it. */
export const API_ORIGIN_ID = 'register-api';

/**
 * The register's front door: CloudFront over the HTTP API (pages and JSON) and the assets
 * bucket, HTTPS only, with security headers and, by default, an AWS WAF web ACL.
 */
export class RegisterEdge extends Construct {
  readonly distribution: Distribution;
  readonly webAcl: CfnWebACL | undefined;

  constructor(scope: Construct, id: string, props: RegisterEdgeProps) {
    super(scope, id);

    this.webAcl = props.waf ? this.buildWebAcl(props.wafRequestsPer5MinutesPerIp) : undefined;

    // The app decides what may be cached (Cache-Control); nothing without it is. Query strings,
    // cookies and the Authorization header are part of the key, so one user's answer is never
    // served to another; they also reach the API (Authorization can only travel this way).
    const apiCachePolicy = new CachePolicy(this, 'ApiCachePolicy', {
      comment: 'Honour the origin Cache-Control; key on query, cookies and Authorization',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      cookieBehavior: CacheCookieBehavior.all(),
      headerBehavior: CacheHeaderBehavior.allowList('Authorization'),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    // The app sets its own CSP (with per-request nonces), HSTS and framing rules; CloudFront
    // adds them where a response has none (the assets), and a CSP only where none is given.
    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'HSTS, no sniffing, no framing, strict referrer; CSP only where the origin sets none',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        contentSecurityPolicy: {
          contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'",
          override: false,
        },
      },
      removeHeaders: ['server'],
    });

    const apiDomain = Fn.select(2, Fn.split('/', props.api.apiEndpoint));
    const apiOrigin = new HttpOrigin(apiDomain, {
      originId: API_ORIGIN_ID,
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      readTimeout: Duration.seconds(30),
      customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originSecret.secretValue.unsafeUnwrap() },
    });

    // API Gateway needs its own Host header, so the viewer's host travels as X-Forwarded-Host
    // (overwritten here, so a client cannot choose it): the app's origin (CSRF) checks and
    // absolute links use it.
    const forwardHost = new CloudFrontFunction(this, 'ForwardHost', {
      comment: 'Copy the viewer Host to X-Forwarded-Host and its IP to X-Viewer-Address',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(forwardHostSource),
    });

    const webAclId = this.webAcl?.attrArn ?? props.webAclArn;
    const custom =
      props.domainName && props.certificateArn
        ? {
            domainNames: [props.domainName],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
            // Only a custom certificate lets the TLS floor be chosen.
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {};

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Modern slavery statement register',
      ...custom,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      ...(webAclId ? { webAclId } : {}),
      defaultBehavior: {
        origin: apiOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachedMethods: CachedMethods.CACHE_GET_HEAD,
        cachePolicy: apiCachePolicy,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: securityHeaders,
        compress: true,
        functionAssociations: [{ function: forwardHost, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/assets/*': {
          origin: S3BucketOrigin.withOriginAccessControl(props.assetsBucket),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: securityHeaders,
          compress: true,
        },
      },
    });
  }

  /**
   * Rate-based blocking per client IP (answered 429), then AWS managed rule groups: IP
   * reputation, the common rule set and known bad inputs. The common set's 8 KB body limit is
   * counted, not blocked: statement submissions and PDF checks are larger, and the app enforces
   * its own request size limits (413).
   */
  private buildWebAcl(limit: number): CfnWebACL {
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    const managed = (
      priority: number,
      name: string,
      ruleActionOverrides?: CfnWebACL.RuleActionOverrideProperty[],
    ) => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name,
          ...(ruleActionOverrides ? { ruleActionOverrides } : {}),
        },
      },
      visibilityConfig: visibility(name),
    });
    return new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('register-web-acl'),
      customResponseBodies: {
        throttled: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({
            type: 'about:blank',
            title: 'Too many requests',
            status: 429,
            detail: 'Too many requests from your address; try again in a few minutes.',
          }),
        },
      },
      rules: [
        managed(0, 'AWSManagedRulesAmazonIpReputationList'),
        {
          name: 'RateLimitPerIp',
          priority: 1,
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'throttled',
                // The rule looks back over 5 minutes: a client blocked now may be let through then.
                responseHeaders: [{ name: 'Retry-After', value: '300' }],
              },
            },
          },
          statement: {
            rateBasedStatement: { limit, aggregateKeyType: 'IP', evaluationWindowSec: 300 },
          },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
        managed(2, 'AWSManagedRulesCommonRuleSet', [
          { name: 'SizeRestrictions_BODY', actionToUse: { count: {} } },
        ]),
        managed(3, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });
  }
}

/**
 * CloudFront Functions (JS 2.0 runtime) source, on every viewer request: Host → X-Forwarded-Host,
 * and the viewer's IP address (as CloudFront saw the connection) → X-Viewer-Address, replacing
 * any value the client sent. The per-client limits read that header (functions/app/client-address.ts),
 * so they do not depend on which CloudFront-* headers a managed origin request policy forwards.
 */
export const forwardHostSource = `function handler(event) {
  var request = event.request;
  var host = request.headers.host ? request.headers.host.value : '';
  request.headers['x-forwarded-host'] = { value: host };
  request.headers['x-viewer-address'] = { value: event.viewer.ip };
  return request;
}`;
