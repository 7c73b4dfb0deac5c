/** One email: plain text, to one or more people. */
export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
  /** The outbox notice this email delivers (for tracing and the local outbox page). */
  noticeId?: string;
}

/**
 * Sends email: Amazon SES v2 in AWS (ses-mailer.ts), files in the data folder locally
 * (file-mailer.ts, shown at /dev/outbox). The outbox reactor is its only caller.
 */
export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>;
}

/** Keeps what it is given; for tests. */
export function createMemoryMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
      return { messageId: `memory-${sent.length}` };
    },
  };
}
