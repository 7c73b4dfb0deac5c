import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Fetches a web page or PDF from an address a submitter gave us, without letting that address
 * reach inside our network (SSRF). http(s) only; the host is resolved once per hop and the
 * connection is made to that resolved address (no second lookup a DNS rebinding could change);
 * private, loopback, link-local, unique-local, multicast, reserved and cloud-metadata addresses
 * are refused, also after each redirect; at most 5 redirects; a deadline; a size cap; only HTML
 * or PDF answers.
 */

export type FetchedKind = 'html' | 'pdf';

export interface FetchedDocument {
  ok: true;
  /** The address that finally answered (after redirects). */
  url: string;
  status: number;
  contentType: string;
  kind: FetchedKind;
  body: Uint8Array;
  redirects: string[];
}

export type FetchRefusalReason =
  | 'invalid_url'
  | 'scheme'
  | 'address'
  | 'dns'
  | 'network'
  | 'timeout'
  | 'too_large'
  | 'content_type'
  | 'status'
  | 'too_many_redirects';

export interface FetchRefusal {
  ok: false;
  reason: FetchRefusalReason;
  message: string;
  url: string;
  status?: number | undefined;
  redirects: string[];
}

export type FetchOutcome = FetchedDocument | FetchRefusal;

/** Is this address one we may connect to? */
export type AddressPolicy = (address: string, port: number) => boolean;
export type Resolver = (hostname: string) => Promise<string[]>;

export interface GuardedFetchOptions {
  resolve?: Resolver;
  /** Defaults to publicAddressesOnly; tests add an explicit allowance for their local server. */
  addressPolicy?: AddressPolicy;
  maxRedirects?: number;
  timeoutMs?: number;
  maxBytes?: number;
  accept?: readonly FetchedKind[];
  userAgent?: string;
}

export const FETCH_DEFAULTS = {
  maxRedirects: 5,
  timeoutMs: 10_000,
  maxBytes: 15 * 1024 * 1024,
} as const;

const METADATA = ['169.254.169.254', 'fd00:ec2::254', '169.254.170.2', 'fd00:ec2::23'];

/** Only globally routable unicast addresses: what the public internet is made of. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  if (METADATA.some((m) => ipaddr.parse(m).toNormalizedString() === parsed.toNormalizedString()))
    return false;
  return parsed.range() === 'unicast';
}

export const publicAddressesOnly: AddressPolicy = (address) => isPublicAddress(address);

/**
 * Test-only: allow the given loopback address and ports as well as public addresses. Used by
 * tests that serve pages from a local HTTP server; never wired in production code.
 */
export function allowForTests(allowed: { address: string; ports: readonly number[] }): AddressPolicy {
  return (address, port) =>
    isPublicAddress(address) || (address === allowed.address && allowed.ports.includes(port));
}

export const systemResolver: Resolver = async (hostname) => {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => a.address);
};

const kindOf = (contentType: string): FetchedKind | undefined => {
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'application/pdf' || type === 'application/x-pdf') return 'pdf';
  return undefined;
};

interface Hop {
  status: number;
  headers: IncomingMessage['headers'];
  body?: Uint8Array;
}

class Refused extends Error {
  constructor(
    readonly reason: FetchRefusalReason,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export async function guardedFetch(rawUrl: string, options: GuardedFetchOptions = {}): Promise<FetchOutcome> {
  const resolve = options.resolve ?? systemResolver;
  const policy = options.addressPolicy ?? publicAddressesOnly;
  const maxRedirects = options.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  const maxBytes = options.maxBytes ?? FETCH_DEFAULTS.maxBytes;
  const accept = options.accept ?? ['html', 'pdf'];
  const deadline = Date.now() + (options.timeoutMs ?? FETCH_DEFAULTS.timeoutMs);
  const redirects: string[] = [];
  let current = rawUrl;
  try {
    for (let hop = 0; ; hop++) {
      let url: URL;
      try {
        url = new URL(current);
      } catch {
        throw new Refused('invalid_url', `"${current.slice(0, 200)}" is not a web address.`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new Refused('scheme', `Only http and https addresses are fetched, not ${url.protocol}`);
      }
      if (url.username || url.password)
        throw new Refused('invalid_url', 'Addresses with credentials are not fetched.');
      const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
      const address = await resolveOnce(url.hostname, resolve, policy, port, deadline);
      const response = await requestOnce(url, address, deadline, maxBytes, options.userAgent);
      if (response.status >= 300 && response.status < 400 && response.headers.location) {
        if (hop >= maxRedirects)
          throw new Refused('too_many_redirects', `More than ${maxRedirects} redirects.`);
        current = new URL(response.headers.location, url).toString();
        redirects.push(current);
        continue;
      }
      if (response.status < 200 || response.status >= 300) {
        throw new Refused('status', `The address answered HTTP ${response.status}.`, response.status);
      }
      const contentType = String(response.headers['content-type'] ?? '');
      const kind = kindOf(contentType);
      if (!kind || !accept.includes(kind)) {
        throw new Refused(
          'content_type',
          `The address answered ${contentType || 'no content type'}, not ${accept.map((k) => k.toUpperCase()).join(' or ')}.`,
        );
      }
      return {
        ok: true,
        url: url.toString(),
        status: response.status,
        contentType,
        kind,
        body: response.body!,
        redirects,
      };
    }
  } catch (error) {
    if (error instanceof Refused) {
      return {
        ok: false,
        reason: error.reason,
        message: error.message,
        url: current,
        status: error.status,
        redirects,
      };
    }
    return {
      ok: false,
      reason: 'network',
      message: 'The address could not be reached.',
      url: current,
      redirects,
    };
  }
}

async function resolveOnce(
  hostname: string,
  resolve: Resolver,
  policy: AddressPolicy,
  port: number,
  deadline: number,
): Promise<string> {
  const host = hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (ipaddr.isValid(host)) addresses = [host];
  else {
    if (!/^[a-z0-9.-]+$/i.test(host) || host.toLowerCase() === 'localhost' || host.endsWith('.localhost')) {
      throw new Refused('address', `${hostname} is not a public host.`);
    }
    try {
      addresses = await withDeadline(resolve(host), deadline);
    } catch (error) {
      if (error instanceof Refused) throw error;
      throw new Refused('dns', `${hostname} could not be found.`);
    }
  }
  if (!addresses.length) throw new Refused('dns', `${hostname} could not be found.`);
  // Every address the name resolves to must be allowed: a mix is refused whole.
  for (const address of addresses) {
    if (!policy(address, port))
      throw new Refused('address', `${hostname} resolves to an address that is not public.`);
  }
  return addresses[0]!;
}

function withDeadline<T>(promise: Promise<T>, deadline: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Refused('timeout', 'The address took too long to answer.')),
      Math.max(0, deadline - Date.now()),
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function requestOnce(
  url: URL,
  address: string,
  deadline: number,
  maxBytes: number,
  userAgent?: string,
): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const family = ipaddr.parse(address).kind() === 'ipv6' ? 6 : 4;
    // The connection goes to the address we checked; no second DNS lookup happens.
    const lookup: LookupFunction = (_hostname, opts, callback) => {
      if ((opts as { all?: boolean }).all)
        (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
          { address, family },
        ]);
      else callback(null, address, family);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(new Refused('timeout', 'The address took too long to answer.'));
    const req = send(
      url,
      {
        method: 'GET',
        lookup,
        timeout: remaining,
        headers: {
          'user-agent': userAgent ?? 'ModernSlaveryRegisterChecker/1.0',
          accept: 'text/html,application/xhtml+xml,application/pdf;q=0.9',
          'accept-encoding': 'identity',
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          res.resume();
          return resolve({ status, headers: res.headers });
        }
        const declared = Number(res.headers['content-length'] ?? 0);
        if (declared > maxBytes) {
          req.destroy();
          return reject(
            new Refused('too_large', `The document is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`),
          );
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            req.destroy();
            reject(
              new Refused(
                'too_large',
                `The document is larger than ${Math.round(maxBytes / 1024 / 1024)} MB.`,
              ),
            );
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({ status, headers: res.headers, body: new Uint8Array(Buffer.concat(chunks)) }),
        );
        res.on('error', reject);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Refused('timeout', 'The address took too long to answer.'));
    }, remaining);
    req.on('timeout', () => {
      req.destroy();
      reject(new Refused('timeout', 'The address took too long to answer.'));
    });
    req.on('error', (error) => reject(error));
    req.on('close', () => clearTimeout(timer));
    req.end();
  });
}
