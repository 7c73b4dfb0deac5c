import { Hono } from 'hono';
import type { Render } from '../../web/render.ts';
import type { StoredMail } from '../mail/file-mailer.ts';

/**
 * /dev/outbox: the reminder and overdue notices the local worker "sent" (files in the data
 * folder). Mounted only by the local server (functions/local/server.ts), never by createApp, so
 * the deployed register has no such page.
 */
export function devOutboxPage(deps: { render: Render; list: () => Promise<StoredMail[]> }) {
  return new Hono().get('/dev/outbox', async (c) => {
    const mails = await deps.list();
    c.header('cache-control', 'no-store');
    return c.html(deps.render('officers/dev-outbox.njk', { title: 'Outbox (local development)', mails }));
  });
}
