// In a Lambda bundle, the AWS SDK clients' default credential chain is this: the credentials
// Lambda puts in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN).
// The full chain (SSO, profiles, web identity, instance metadata and the STS/SSO clients behind
// them) is about 90 KB that a Lambda function never uses. infra/bundling.ts aliases
// `@aws-sdk/credential-provider-node` to this file for the Lambda bundles only.
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider = (init = {}) => fromEnv(init);
