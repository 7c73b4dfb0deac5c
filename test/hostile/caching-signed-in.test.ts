import { describe, expect, it } from 'vitest';
import { sessionFor, testApp } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';

describe('caching of answers made for signed-in people', () => {
  const table = useTestTable();
  const { app } = testApp(table.store);

  it.each(['/', '/api/docs', '/statements?q=acme'])(
    'answers %s to a signed-in session with private, no-store',
    async (path) => {
      const { cookie } = await sessionFor(table.store, { email: 'cached@hostile.example' });
      const signedIn = await app.request(path, { headers: { cookie } });
      expect(signedIn.status).toBe(200);
      expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
      const anonymous = await app.request(path);
      expect(anonymous.headers.get('cache-control')).toMatch(/^public/);
    },
  );
});
