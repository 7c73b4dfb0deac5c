import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../functions/app/auth.ts';
import { testApp, tokenFor } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';

describe('caching of answers made for signed-in people', () => {
  const table = useTestTable();
  const { app } = testApp(table.store);

  it.each(['/', '/api/docs', '/statements?q=acme'])(
    'answers %s to a signed-in session with private, no-store',
    async (path) => {
      const session = await tokenFor({ email: 'cached@hostile.example' });
      const signedIn = await app.request(path, { headers: { cookie: `${SESSION_COOKIE}=${session}` } });
      expect(signedIn.status).toBe(200);
      expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
      const anonymous = await app.request(path);
      expect(anonymous.headers.get('cache-control')).toMatch(/^public/);
    },
  );
});
