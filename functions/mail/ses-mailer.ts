import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { Mailer } from './mailer.ts';

/** Amazon SES (API v2): the register's notices in AWS, from a verified sender identity. */
export function createSesMailer(options: { from: string; region: string; client?: SESv2Client }): Mailer {
  const client = options.client ?? new SESv2Client({ region: options.region });
  return {
    async send(message) {
      const result = await client.send(
        new SendEmailCommand({
          FromEmailAddress: options.from,
          Destination: { ToAddresses: message.to },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: message.text, Charset: 'UTF-8' } },
            },
          },
          ...(message.noticeId
            ? { EmailTags: [{ Name: 'notice', Value: message.noticeId.replace(/[^A-Za-z0-9_-]/g, '_') }] }
            : {}),
        }),
      );
      return { messageId: result.MessageId ?? '' };
    },
  };
}
