import * as z from 'zod';
import { unauthenticated } from '../domain/errors.ts';
import type { HostedSignIn } from '../domain/verifier.ts';

export interface CognitoHostedSignInOptions {
  /** The user pool's domain, e.g. https://register-prod.auth.eu-west-2.amazoncognito.com */
  domainUrl: string;
  clientId: string;
  /** Where Cognito sends people back: https://<site>/auth/callback (registered on the client). */
  redirectUri: string;
  /** Where Cognito sends people after signing out: https://<site>/ (a logout URL of the client). */
  signedOutUri: string;
  timeoutMs?: number;
  /** Only for tests: the HTTP client (the token endpoint is a fixed, configured address). */
  fetch?: typeof fetch;
}

const tokenAnswerSchema = z.object({ id_token: z.string().min(1) });

/** Cognito managed login: /oauth2/authorize and /oauth2/token of the pool's domain, a public client with PKCE. */
export function createCognitoHostedSignIn(options: CognitoHostedSignInOptions): HostedSignIn {
  const base = options.domainUrl.replace(/\/+$/, '');
  const send = options.fetch ?? fetch;
  return {
    authorizeUrl({ state, codeChallenge }) {
      const url = new URL(`${base}/oauth2/authorize`);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: options.clientId,
        redirect_uri: options.redirectUri,
        scope: 'openid email',
        state,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
      }).toString();
      return url.toString();
    },
    signOutUrl() {
      const url = new URL(`${base}/logout`);
      url.search = new URLSearchParams({
        client_id: options.clientId,
        logout_uri: options.signedOutUri,
      }).toString();
      return url.toString();
    },
    async exchangeCode({ code, codeVerifier }) {
      let response: Response;
      try {
        response = await send(`${base}/oauth2/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            client_id: options.clientId,
            code,
            redirect_uri: options.redirectUri,
            code_verifier: codeVerifier,
          }).toString(),
          redirect: 'error',
          signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
        });
      } catch {
        throw unauthenticated('The sign-in service could not be reached. Try again.');
      }
      if (!response.ok) throw unauthenticated('The sign-in was not accepted. Try again.');
      const answer = tokenAnswerSchema.safeParse(await response.json().catch(() => null));
      if (!answer.success) throw unauthenticated('The sign-in service gave an unexpected answer.');
      return answer.data.id_token;
    },
  };
}
