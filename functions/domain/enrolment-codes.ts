import { createHash, randomBytes } from 'node:crypto';

/**
 * Enrolment codes: 20 characters of Crockford base32 (100 random bits), shown once in groups of
 * four ("7KQ2-M9XD-…"); only their SHA-256 is stored. Guessing is hopeless at 100 bits, and wrong
 * guesses are throttled per user besides.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const ENROLMENT_CODE_LENGTH = 20;
/** How long a code can be redeemed after it is issued. */
export const ENROLMENT_CODE_DAYS = 90;

export function generateEnrolmentCode(random: (size: number) => Uint8Array = randomBytes): string {
  const bytes = random(ENROLMENT_CODE_LENGTH);
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return code.match(/.{4}/g)?.join('-') ?? code;
}

/** What a person types → the canonical code: case, spaces and hyphens ignored; I/L read as 1, O as 0. */
export function normaliseEnrolmentCode(input: string): string {
  return input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}

export function hashEnrolmentCode(code: string): string {
  return createHash('sha256').update(normaliseEnrolmentCode(code)).digest('hex');
}

export function looksLikeEnrolmentCode(input: string): boolean {
  const code = normaliseEnrolmentCode(input);
  return code.length === ENROLMENT_CODE_LENGTH && [...code].every((char) => ALPHABET.includes(char));
}

export function enrolmentCodeExpiry(now: Date): string {
  return new Date(now.getTime() + ENROLMENT_CODE_DAYS * 86_400_000).toISOString();
}
