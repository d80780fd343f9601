// The parts /documents stands on, one at a time: which addresses a link may reach, names, fetching, the folder.
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalKind } from '../../bot/documents/addresses.ts';
import { fetchDocument, FetchRefused, type FetchLimits } from '../../bot/documents/fetch.ts';
import { nameFromDisposition, nameFromUrl, withTypeExtension } from '../../bot/documents/file-names.ts';
import { DocumentFolder, FolderProblem } from '../../bot/documents/folder.ts';
import { checkName } from '../../bot/documents/names.ts';
import { AddedDocuments } from '../../bot/documents/registry.ts';
import { startWebServer, type WebServer } from '../helpers/web-server.ts';
import { tempDir } from '../helpers/temp-corpus.ts';

describe('addresses a link may lead to', () => {
  it('are public unicast only, in IPv4 and IPv6, with IPv4 inside IPv6 judged as IPv4', () => {
    const cases: Array<[string, string | undefined]> = [
      ['93.184.216.34', undefined],
      ['8.8.8.8', undefined],
      ['127.0.0.1', 'loopback'],
      ['127.255.255.254', 'loopback'],
      ['10.20.30.40', 'private'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['172.32.0.1', undefined],
      ['192.168.1.1', 'private'],
      ['100.64.0.1', 'private (shared)'],
      ['169.254.169.254', 'link-local'],
      ['0.0.0.0', 'unspecified'],
      ['224.0.0.251', 'multicast'],
      ['255.255.255.255', 'reserved'],
      ['198.18.0.1', 'reserved (benchmarking)'],
      ['2606:4700:4700::1111', undefined],
      ['::1', 'loopback'],
      ['::', 'unspecified'],
      ['fe80::1', 'link-local'],
      ['fe80::1%eth0', 'link-local'],
      ['fd12:3456::1', 'private'],
      ['ff02::1', 'multicast'],
      ['2001:db8::1', 'reserved (documentation)'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:7f00:1', 'loopback'],
      ['::ffff:10.0.0.1', 'private'],
      ['::ffff:8.8.8.8', undefined],
      ['::10.0.0.1', 'private'],
      ['64:ff9b::169.254.169.254', 'link-local'],
      ['64:ff9b::8.8.8.8', undefined],
      ['2002:c0a8:0101::1', 'private'], // 6to4 of 192.168.1.1
      ['2002:0808:0808::1', undefined],
      ['[::1]', 'loopback'],
      ['4000::1', 'reserved'],
      ['localhost', 'not an IP address'],
    ];
    for (const [address, kind] of cases) expect(internalKind(address), address).toBe(kind);
  });
});

describe('document names', () => {
  it('are one plain file name: no path, no leading dot, no hidden characters, no device names, at most 100 characters', () => {
    expect(checkName('Rules 2025 (final).md')).toEqual({ ok: true, name: 'Rules 2025 (final).md' });
    expect(checkName('Cafe\u0301.md')).toEqual({ ok: true, name: 'Café.md' }); // NFC
    expect(checkName('règles-du-serveur.txt')).toMatchObject({ ok: true });
    const refused: Array<[string, RegExp]> = [
      ['', /empty/u],
      ['../x.md', /path/u],
      ['a/b.md', /path/u],
      ['a\\b.md', /path/u],
      ['/etc/passwd', /path/u],
      ['..', /dot/u],
      ['.env', /dot/u],
      ['a\u0000.md', /control/u],
      ['a\n.md', /control/u],
      ['a\u200b.md', /invisible/u],
      ['gpj.\u202Eexe.md', /invisible/u],
      ['a:b.md', /cannot have/u],
      [' a.md', /space/u],
      ['a.md.', /ends with a dot/u],
      ['nul.txt', /device/u],
      ['x'.repeat(101), /too long \(at most 100 characters\)/u],
      ['日'.repeat(80), /too long/u], // 80 characters, 240 bytes
    ];
    for (const [name, reason] of refused) {
      const checked = checkName(name);
      expect(checked.ok, JSON.stringify(name)).toBe(false);
      if (!checked.ok) expect(checked.reason, JSON.stringify(name)).toMatch(reason);
    }
  });

  it('of fetched files come from the URL or Content-Disposition, with the extension of their type when they have none', () => {
    expect(nameFromUrl(new URL('https://example.org/docs/Read%20me.md?x=1'))).toBe('Read me.md');
    expect(nameFromUrl(new URL('https://example.org/'))).toBe('example.org');
    expect(nameFromUrl(new URL('https://example.org/a/%E0%A4%A'))).toBe('%E0%A4%A');
    expect(nameFromUrl(new URL('https://example.org/a/..%2F..%2Fetc'))).toBe('../../etc'); // decoded, then refused as a path
    expect(withTypeExtension('rules', 'text/html; charset=utf-8')).toBe('rules.html');
    expect(withTypeExtension('page.php', 'text/html')).toBe('page.php.html');
    expect(withTypeExtension('guide.md', 'text/plain')).toBe('guide.md');
    expect(withTypeExtension('report', 'application/pdf')).toBe('report.pdf');
    expect(withTypeExtension('data', 'application/octet-stream')).toBe('data');
    expect(withTypeExtension('data', undefined)).toBe('data');
    expect(nameFromDisposition('attachment; filename="annual report.pdf"')).toBe('annual report.pdf');
    expect(nameFromDisposition("attachment; filename=plain.txt; filename*=UTF-8''r%C3%A8gles.md")).toBe('règles.md');
    expect(nameFromDisposition('inline')).toBeUndefined();
    expect(nameFromDisposition(undefined)).toBeUndefined();
  });
});

describe('fetching a link', () => {
  let web: WebServer;
  const limits: FetchLimits = { allowedHosts: ['127.0.0.1'], maxBytes: 10_000, timeoutMs: 2000, maxRedirects: 2 };
  beforeAll(async () => {
    web = await startWebServer();
  });
  afterAll(() => web.close());

  const refusal = async (url: string, over: Partial<FetchLimits> = {}): Promise<string> => {
    try {
      await fetchDocument(url, { ...limits, ...over });
    } catch (error) {
      expect(error).toBeInstanceOf(FetchRefused);
      return (error as Error).message;
    }
    throw new Error(`${url} was fetched`);
  };

  it('returns the bytes, the final address after redirects, the type and the name the server gave', async () => {
    const page = web.serve('/page', { body: 'Hello.', type: 'text/plain', headers: { 'content-disposition': 'attachment; filename="hello.txt"' } });
    web.serve('/moved', { redirect: '/page', status: 301 });
    const fetched = await fetchDocument(`${web.origin}/moved`, limits);
    expect(fetched).toMatchObject({ url: page, contentType: 'text/plain', fileName: 'hello.txt' });
    expect(fetched.bytes.toString()).toBe('Hello.');
    const zipped = web.serve('/zipped', { body: gzipSync('Compressed text.'), type: 'text/plain', headers: { 'content-encoding': 'gzip' } });
    expect((await fetchDocument(zipped, limits)).bytes.toString()).toBe('Compressed text.');
  });

  it('stops at the size cap while reading (declared, streamed, or decompressed from a small body)', async () => {
    expect(await refusal(web.serve('/declared', { body: 'x'.repeat(20_000) }))).toBe('The document is larger than 10 KB, the most citebot takes (DOCUMENT_MAX_BYTES).');
    const endless = web.serve('/endless', (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' }); // chunked, no length: counted as it comes
      const timer = setInterval(() => response.write('y'.repeat(4096)), 1);
      response.on('close', () => clearInterval(timer));
    });
    expect(await refusal(endless)).toMatch(/larger than 10 KB/u);
    const bomb = web.serve('/bomb', { body: gzipSync(Buffer.alloc(50_000_000)), type: 'text/plain', headers: { 'content-encoding': 'gzip' } });
    expect(await refusal(bomb)).toMatch(/larger than 10 KB/u);
  });

  it('gives up after its deadline, past the redirect limit, on an error status or an unknown encoding', async () => {
    const silent = web.serve('/silent', () => undefined); // never answers
    expect(await refusal(silent, { timeoutMs: 200 })).toBe('The server took longer than 0.2 s.');
    web.serve('/loop', { redirect: '/loop' });
    expect(await refusal(`${web.origin}/loop`)).toBe('The link redirects more than 2 times.');
    expect(await refusal(`${web.origin}/missing`)).toBe('The server answered 404 Not Found.');
    expect(await refusal(web.serve('/odd', { body: 'x', headers: { 'content-encoding': 'zstd-ish' } }))).toMatch(/compressed as "zstd-ish"/u);
  });

  it('refuses internal hosts unless allowed by name, and checks every redirect the same way', async () => {
    const port = new URL(web.origin).port;
    const target = web.serve('/target', { body: 'reachable', type: 'text/plain' });
    expect(await refusal(`http://localhost:${port}/target`)).toMatch(/^The link leads to localhost \((127\.0\.0\.1|::1)\), a loopback address;/u);
    expect((await fetchDocument(`http://localhost:${port}/target`, { ...limits, allowedHosts: ['localhost'] })).bytes.toString()).toBe('reachable');
    expect(await refusal(target, { allowedHosts: [] })).toMatch(/^The link leads to 127\.0\.0\.1, a loopback address;/u);
    web.serve('/to-private', { redirect: 'http://10.0.0.7/x' });
    expect(await refusal(`${web.origin}/to-private`)).toMatch(/^The link redirects to 10\.0\.0\.7, a private address;/u);
    web.serve('/to-ftp', { redirect: 'ftp://example.org/x' });
    expect(await refusal(`${web.origin}/to-ftp`)).toBe('The link redirects to example.org, which is not an http or https address.');
    expect(await refusal('http://user:secret@127.0.0.1/')).toMatch(/user name or password/u);
    expect(await refusal('not a link')).toBe('The link is not a web address.');
  });
});

describe('the documents folder', () => {
  const DAY = 24 * 60 * 60 * 1000;

  function folder(now = () => Date.now()) {
    const root = tempDir();
    const seeds = join(root, 'seeds');
    mkdirSync(seeds);
    return { root, seeds, removed: join(root, 'removed'), folder: new DocumentFolder(seeds, join(root, 'removed'), 30, now) };
  }

  it('writes into added/, keeps a replaced file aside, and finds names case-insensitively', () => {
    const { seeds, removed, folder: docs } = folder();
    expect(docs.write('a.md', Buffer.from('one'))).toEqual({});
    const { keptAt } = docs.write('a.md', Buffer.from('two'));
    expect(readFileSync(join(seeds, 'added', 'a.md'), 'utf8')).toBe('two');
    expect(keptAt?.startsWith(removed)).toBe(true);
    expect(readFileSync(keptAt!, 'utf8')).toBe('one');
    expect(docs.existing('A.MD')).toMatchObject({ name: 'a.md', hash: expect.stringMatching(/^[0-9a-f]{64}$/u) });
    expect(docs.existing('b.md')).toBeUndefined();
  });

  it('refuses an added/ that is a link, and paths that leave the documents folder', () => {
    const { root, seeds, folder: docs } = folder();
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(seeds, 'added'));
    expect(() => docs.write('a.md', Buffer.from('x'))).toThrow(FolderProblem);
    expect(readdirSync(elsewhere)).toEqual([]);
    writeFileSync(join(elsewhere, 'secret.txt'), 'keep me');
    for (const source of ['../elsewhere/secret.txt', '/etc/hostname', 'added/secret.txt', 'a//b.txt', '']) {
      expect(() => docs.remove(source), source).toThrow(FolderProblem);
    }
    expect(readFileSync(join(elsewhere, 'secret.txt'), 'utf8')).toBe('keep me');
  });

  it('moves removed files under a stamped folder and deletes those older than the keeping period', () => {
    let now = Date.parse('2025-03-01T12:00:00.000Z');
    const { seeds, removed, folder: docs } = folder(() => now);
    mkdirSync(join(seeds, 'notes'));
    writeFileSync(join(seeds, 'notes', 'old.txt'), 'old');
    const kept = docs.remove('notes/old.txt');
    expect(kept).toMatch(/removed\/2025-03-01T12-00-00-000Z-[0-9a-f]{6}\/notes\/old\.txt$/u);
    expect(existsSync(join(seeds, 'notes', 'old.txt'))).toBe(false);
    now += 29 * DAY;
    docs.prune();
    expect(readdirSync(removed)).toHaveLength(1);
    now += 2 * DAY;
    writeFileSync(join(seeds, 'b.txt'), 'b');
    docs.remove('b.txt'); // prunes as it goes
    expect(readdirSync(removed)).toEqual([expect.stringMatching(/^2025-04-01T/u)]);
  });

  it('clears temporary files a killed writer left in added/, never its own', () => {
    const { seeds, folder: docs } = folder();
    mkdirSync(join(seeds, 'added'));
    writeFileSync(join(seeds, 'added', 'a.md'), 'a');
    writeFileSync(join(seeds, 'added', 'a.md.999999.tmp'), 'half');
    writeFileSync(join(seeds, 'added', `b.md.${process.pid}.tmp`), 'mine');
    docs.removeStaleTemp();
    expect(readdirSync(join(seeds, 'added')).sort()).toEqual(['a.md', `b.md.${process.pid}.tmp`]);
    expect(docs.names()).toEqual(['a.md']);
  });
});

describe('the record of added documents', () => {
  it('survives a restart and reads a damaged file as empty', () => {
    const path = join(tempDir(), 'data', 'added.json');
    const by = { id: '400000000000000002', name: 'ada' };
    new AddedDocuments(path).set('added/a.md', { hash: 'h', bytes: 1, addedAt: '2025-01-01T00:00:00.000Z', addedBy: by, url: 'https://example.org/a' });
    expect(new AddedDocuments(path).urlFor('added/a.md')).toBe('https://example.org/a');
    writeFileSync(path, '{ not json');
    expect(new AddedDocuments(path).all()).toEqual({});
  });
});
