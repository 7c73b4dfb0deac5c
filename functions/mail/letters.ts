import type { RegisteredAddress } from '../../schemas/organisation.ts';
import type { Mailer } from './mailer.ts';

/** A letter to an organisation's registered address (the enrolment code of an organisation a business added). */
export interface Letter {
  organisationName: string;
  address: RegisteredAddress;
  subject: string;
  text: string;
}

/** Posts letters. Locally "posted" means written to the development outbox (/dev/outbox). */
export interface Letters {
  post(letter: Letter): Promise<void>;
}

export function addressLines(address: RegisteredAddress): string[] {
  return [address.addressLine1, address.addressLine2, address.town, address.postcode].filter(
    (line): line is string => Boolean(line),
  );
}

/** The local outbox: the letter as a file whose recipient is the postal address. */
export function lettersThroughOutbox(mailer: Mailer): Letters {
  return {
    async post(letter) {
      await mailer.send({
        to: [`By post: ${[letter.organisationName, ...addressLines(letter.address)].join(', ')}`],
        subject: letter.subject,
        text: letter.text,
      });
    },
  };
}

/** Keeps what it is given; for tests. */
export function createMemoryLetters(): Letters & { posted: Letter[] } {
  const posted: Letter[] = [];
  return {
    posted,
    async post(letter) {
      posted.push(letter);
    },
  };
}
