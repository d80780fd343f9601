// Names of documents added from Discord. A name is one plain file name inside the added/ folder: nothing in it can
// point elsewhere (no path, no `..`, no leading dot) or hide what it is (no control or invisible characters).

export const MAX_NAME_LENGTH = 100;
const MAX_NAME_BYTES = 200;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/iu;

export type NameCheck = { ok: true; name: string } | { ok: false; reason: string };

/** The name, normalised (NFC), or why it can't be used ("holds a path"), to be shown after "The name … ". */
export function checkName(raw: string): NameCheck {
  const name = raw.normalize('NFC');
  const refuse = (reason: string): NameCheck => ({ ok: false, reason });
  if (name.length === 0) return refuse('is empty');
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(name)) return refuse('holds control or invisible characters');
  if (/[/\\]/u.test(name)) return refuse('holds a path; give a plain file name');
  if (name === '.' || name === '..' || name.startsWith('.')) return refuse('starts with a dot');
  if (/[<>:"|?*]/u.test(name)) return refuse('holds a character file names cannot have (< > : " | ? *)');
  if (name !== name.trim() || name.endsWith('.')) return refuse('starts or ends with a space, or ends with a dot');
  if (name.length > MAX_NAME_LENGTH || Buffer.byteLength(name) > MAX_NAME_BYTES) return refuse(`is too long (at most ${MAX_NAME_LENGTH} characters)`);
  if (WINDOWS_RESERVED.test(name)) return refuse('is a device name on Windows');
  return { ok: true, name };
}

/** How two names compare on a case-insensitive file system (rules.md and Rules.MD clash). */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}
