import { safeNext } from './routes/account-pages.ts';

/**
 * Where sign-in lands: the page asked for, or by default the compliance dashboard for officers
 * and "Your organisations" for everyone else ("/account" is the sign-in form's default target).
 */
export function landingAfterSignIn(requested: string | undefined, isOfficer: boolean): string {
  const next = safeNext(requested);
  return next === '/account' && isOfficer ? '/officers' : next;
}
