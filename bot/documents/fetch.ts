// Fetches a document from a link for /documents add, guarding the bot's network: http(s) only; every host, at the
// first request and after every redirect, is resolved and refused when any of its addresses is internal (unless
// it is an allowed host), and the connection goes to the checked address (no second lookup that could answer
// differently); one deadline for the whole fetch; a size cap counted while reading (decompressed); a redirect limit.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { sizeText } from '../render/format.ts';
import { internalKind } from './addresses.ts';
import { nameFromDisposition } from './file-names.ts';

export interface FetchLimits {
  /** Host names (or IP addresses) a link may name even though they are internal: an intranet wiki; tests' 127.0.0.1. */
  allowedHosts: readonly string[];
  maxBytes: number;
  /** For the whole fetch, redirects and reading included. */
  timeoutMs: number;
  maxRedirects: number;
}

export interface Fetched {
  bytes: Buffer;
  /** Where the document was found, after redirects. */
  url: string;
  contentType: string | undefined;
  /** The name the server gave the file (Content-Disposition), if any. */
  fileName: string | undefined;
}

/** A link the bot won't follow or a fetch that failed; the message is for the moderator. */
export class FetchRefused extends Error {}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function fetchDocument(link: string, limits: FetchLimits): Promise<Fetched> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let url = checkLink(link, 'The link');
  let hop = 0;
  try {
    for (; ; hop++) {
      const response = await get(url, limits, signal);
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (REDIRECTS.has(status) && location) {
        response.destroy();
        if (hop >= limits.maxRedirects) throw new FetchRefused(`The link redirects more than ${limits.maxRedirects} times.`);
        url = checkLink(new URL(location, url).href, `The link redirects to ${new URL(location, url).host}, which`);
        continue;
      }
      if (status < 200 || status > 299) {
        response.destroy();
        throw new FetchRefused(`The server answered ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}.`);
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBytes && !response.headers['content-encoding']) {
        response.destroy();
        throw tooLarge(limits.maxBytes);
      }
      return {
        bytes: await readCapped(response, limits.maxBytes),
        url: url.href,
        contentType: response.headers['content-type'],
        fileName: nameFromDisposition(response.headers['content-disposition']),
      };
    }
  } catch (error) {
    throw explain(error, url, { redirected: hop > 0, timedOut: signal.aborted, limits });
  }
}

/** The link as a URL, or why it can't be fetched; `what` starts the sentence ("The link", "…which"). */
function checkLink(link: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new FetchRefused(`${what} is not a web address.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchRefused(`${what} is not an http or https address.`);
  if (url.username || url.password) throw new FetchRefused(`${what} holds a user name or password; links with credentials are not fetched.`);
  return url;
}

function get(url: URL, limits: FetchLimits, signal: AbortSignal): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/gu, '');
  const allowed = limits.allowedHosts.includes(host.toLowerCase());
  if (!allowed && isIP(host)) {
    const kind = internalKind(host);
    if (kind) throw new BlockedAddress(host, host, kind);
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method: 'GET',
      agent: false, // a fresh connection to the address just checked, never a pooled one
      signal,
      headers: {
        'user-agent': 'citebot (fetching a document a moderator linked)',
        accept: 'text/html, text/markdown, text/plain, application/pdf, application/vnd.openxmlformats-officedocument.wordprocessingml.document, */*;q=0.5',
        'accept-encoding': 'gzip, deflate, br',
      },
      ...(allowed ? {} : { lookup: checkedLookup }),
    });
    request.once('response', resolve);
    request.once('error', reject);
    request.end();
  });
}

class BlockedAddress extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly kind: string,
  ) {
    super(`${host} resolves to ${address} (${kind})`);
  }
}

/** dns.lookup that refuses a host when any of its addresses is internal, and hands the connection only checked ones. */
const checkedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { all: true, verbatim: true, ...(options.family ? { family: options.family } : {}) }, (error, found: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const blocked = found.find((entry) => internalKind(entry.address));
    if (blocked) return callback(new BlockedAddress(hostname, blocked.address, internalKind(blocked.address)!), '', 0);
    const first = found[0];
    if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
    if (options.all) (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, found);
    else callback(null, first.address, first.family);
  });
};

/** The body, decompressed, refused as soon as it passes `maxBytes`. */
function readCapped(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const encoding = String(response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const decoders: Record<string, () => Readable & NodeJS.WritableStream> = {
    gzip: createGunzip,
    'x-gzip': createGunzip,
    deflate: createInflate,
    br: createBrotliDecompress,
  };
  if (encoding !== 'identity' && !decoders[encoding]) {
    response.destroy();
    return Promise.reject(new FetchRefused(`The server sent the document compressed as "${encoding.slice(0, 40)}", which citebot can't read.`));
  }
  const decoder = decoders[encoding]?.();
  const body: Readable = decoder ? response.pipe(decoder) : response;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: unknown) => {
      response.destroy();
      decoder?.destroy();
      reject(error);
    };
    response.once('error', fail);
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(tooLarge(maxBytes));
      else chunks.push(chunk);
    });
    body.once('error', (error) => fail(decoder ? new FetchRefused('The server sent damaged compressed content.') : error));
    body.once('end', () => resolve(Buffer.concat(chunks)));
  });
}

function tooLarge(maxBytes: number): FetchRefused {
  return new FetchRefused(`The document is larger than ${sizeText(maxBytes)}, the most citebot takes (DOCUMENT_MAX_BYTES).`);
}

/** A one-line reason for the moderator, whatever went wrong. */
function explain(
  error: unknown,
  url: URL,
  how: { redirected: boolean; timedOut: boolean; limits: FetchLimits },
): FetchRefused {
  if (error instanceof FetchRefused) return error;
  if (error instanceof BlockedAddress) {
    const where = error.address !== error.host ? ` (${error.address})` : '';
    const verb = how.redirected ? 'redirects to' : 'leads to';
    return new FetchRefused(`The link ${verb} ${error.host}${where}, a ${error.kind} address; citebot only fetches documents from public addresses.`);
  }
  const name = (error as Error | undefined)?.name;
  if (how.timedOut || name === 'TimeoutError') return new FetchRefused(`The server took longer than ${(how.limits.timeoutMs / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s.`);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new FetchRefused(`The host name ${url.hostname} could not be found.`);
  if (code === 'ECONNREFUSED') return new FetchRefused(`${url.host} refused the connection.`);
  if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE') return new FetchRefused(`${url.host} closed the connection before sending the document.`);
  if (typeof code === 'string' && /CERT|SSL|TLS/u.test(code)) return new FetchRefused(`${url.host}'s HTTPS certificate could not be verified.`);
  return new FetchRefused(`${url.host} could not be reached (${code ?? (error as Error | undefined)?.message?.split('\n')[0] ?? 'unknown error'}).`);
}
