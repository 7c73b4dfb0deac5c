import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccountRecovery,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  UserPoolEmail,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface RegisterAuthProps {
  /** With an SES identity, Cognito's own mail (sign-up codes) goes through SES from this address. */
  mailFrom?: string | undefined;
  sesIdentity?: string | undefined;
  sesRegion: string;
  /**
   * Page sign-in through Cognito's managed login: the pool's domain prefix and the site's own
   * address (a custom domain: the CloudFront name is not known before the API it fronts exists).
   */
  signIn?: { domainPrefix: string; siteUrl: string } | undefined;
}

/** The group whose members are compliance officers (api.md). */
export const officersGroupName = 'officers';

/**
 * Who may sign in: businesses sign themselves up with an email address; compliance officers are
 * the same kind of user, placed in the `officers` group by an administrator (README, Deploying).
 * In AWS the JWTs come only from this pool: the local development issuer is never deployed.
 */
export class RegisterAuth extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The managed-login domain, when page sign-in is on. */
  readonly domain: UserPoolDomain | undefined;

  constructor(scope: Construct, id: string, props: RegisterAuthProps) {
    super(scope, id);
    const domainOfSender = props.mailFrom?.split('@')[1];
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      keepOriginal: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      signInCaseSensitive: false,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Essentials: passwordless options and managed login without Plus's per-user price;
      // threat protection (Plus) is a separate, costed decision (see the cdk-nag suppression).
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      ...(props.mailFrom && props.sesIdentity
        ? {
            email: UserPoolEmail.withSES({
              fromEmail: props.mailFrom,
              fromName: 'Modern slavery statement register',
              sesRegion: props.sesRegion,
              ...(domainOfSender && props.sesIdentity === domainOfSender
                ? { sesVerifiedDomain: props.sesIdentity }
                : {}),
            }),
          }
        : {}),
    });

    this.userPool.addGroup('Officers', {
      groupName: officersGroupName,
      description: 'Compliance officers: the flags queue, organisations, sweeps and the compliance dashboard',
    });

    // A public client (no secret): API clients sign in with SRP or the password over TLS; the
    // pages, when a domain is given, through managed login (authorisation code with PKCE, the
    // only OAuth flow). Tokens are short-lived.
    this.domain = props.signIn
      ? this.userPool.addDomain('SignInDomain', {
          cognitoDomain: { domainPrefix: props.signIn.domainPrefix },
          managedLoginVersion: ManagedLoginVersion.CLASSIC_HOSTED_UI,
        })
      : undefined;
    this.client = this.userPool.addClient('AppClient', {
      generateSecret: false,
      authFlows: { userSrp: true, userPassword: true },
      ...(props.signIn
        ? {
            oAuth: {
              flows: { authorizationCodeGrant: true },
              scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
              callbackUrls: [`${props.signIn.siteUrl}/auth/callback`],
              logoutUrls: [`${props.signIn.siteUrl}/`],
            },
            supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
          }
        : { disableOAuth: true }),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
  }

  /** The JWT issuer (`iss`) of this pool's tokens. */
  get issuer(): string {
    return this.userPool.userPoolProviderUrl;
  }
}
