import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import * as z from 'zod';
import {
  type ImportedCode,
  importedCodeSchema,
  type SealedCodes,
} from '../../../schemas/organisation-import.ts';

/**
 * The enrolment codes of a background import are sealed for the officer who uploaded the file,
 * so the table never holds them in clear: the job keeps an X25519 public key, the worker seals
 * each chunk's codes to it (an ephemeral key agreement, HKDF-SHA-256, AES-256-GCM), and only the
 * private key — given to the uploading browser in an http-only cookie, never stored — opens them
 * for the one-time letter-merge download.
 */
const INFO = Buffer.from('register import enrolment codes v1');

const b64 = (bytes: Buffer) => bytes.toString('base64url');
const bytes = (text: string) => Buffer.from(text, 'base64url');

export function newCodesKeyPair(): { publicKey: string; privateKey: string } {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: b64(publicKey.export({ type: 'spki', format: 'der' })),
    privateKey: b64(privateKey.export({ type: 'pkcs8', format: 'der' })),
  };
}

function keyFor(secret: Buffer, ephemeralKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, bytes(ephemeralKey), INFO, 32));
}

export function sealCodes(publicKey: string, codes: readonly ImportedCode[]): SealedCodes {
  const recipient = createPublicKey({ key: bytes(publicKey), format: 'der', type: 'spki' });
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralKey = b64(ephemeral.publicKey.export({ type: 'spki', format: 'der' }));
  const key = keyFor(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient }), ephemeralKey);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(codes), 'utf8'), cipher.final()]);
  return { ephemeralKey, iv: b64(iv), data: b64(data), tag: b64(cipher.getAuthTag()) };
}

/** The codes, or undefined when this private key does not open them (another job's, or mangled). */
export function openCodes(privateKey: string, sealed: SealedCodes): ImportedCode[] | undefined {
  try {
    const own = createPrivateKey({ key: bytes(privateKey), format: 'der', type: 'pkcs8' });
    const sender = createPublicKey({ key: bytes(sealed.ephemeralKey), format: 'der', type: 'spki' });
    const key = keyFor(diffieHellman({ privateKey: own, publicKey: sender }), sealed.ephemeralKey);
    const decipher = createDecipheriv('aes-256-gcm', key, bytes(sealed.iv));
    decipher.setAuthTag(bytes(sealed.tag));
    const text = Buffer.concat([decipher.update(bytes(sealed.data)), decipher.final()]).toString('utf8');
    return z.array(importedCodeSchema).parse(JSON.parse(text));
  } catch {
    return undefined;
  }
}
