// Sentence spans with Intl.Segmenter (ICU's sentence rules, built into Node), tidied for citations.

export type Span = [start: number, end: number];

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

// ICU splits after these; a sentence never ends on them in practice.
const ABBREVIATION = /(?:^|[\s(“"])(?:Mr|Mrs|Ms|Dr|St|Sr|Jr|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|Prof|Hon|Pres|No|Vol|vs|etc|e\.g|i\.e|[A-Z])\.\s*$/;

// V8's segmenter slows down sharply on very long strings, so long paragraphs are fed to it in windows
// that end where a sentence most likely ends.
const WINDOW = 4000;
const LIKELY_END = /[.!?]["”’)\]]*\s+(?=["“‘(\[]?[\p{Lu}\p{N}])/gu;

/** Sentences of text[start, end) as absolute spans, each trimmed of surrounding whitespace. */
export function sentenceSpans(text: string, start: number, end: number): Span[] {
  const spans: Span[] = [];
  for (let from = start; from < end; ) {
    const to = windowEnd(text, from, end);
    segmentWindow(text, from, to, spans);
    from = to;
  }
  return spans;
}

function windowEnd(text: string, from: number, end: number): number {
  if (end - from <= WINDOW) return end;
  const slice = text.slice(from + WINDOW / 2, from + WINDOW);
  let cut = -1;
  for (const m of slice.matchAll(LIKELY_END)) cut = m.index + m[0].length;
  if (cut === -1) cut = slice.lastIndexOf(' ') + 1;
  if (cut > 0) return from + WINDOW / 2 + cut;
  // No space to cut at: never cut between the two halves of a surrogate pair (an emoji, say).
  const at = from + WINDOW;
  return isLowSurrogate(text.charCodeAt(at)) && isHighSurrogate(text.charCodeAt(at - 1)) ? at + 1 : at;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

function segmentWindow(text: string, start: number, end: number, spans: Span[]): void {
  // ICU breaks at every line feed; hard-wrapped lines inside a paragraph are not sentence ends.
  const flat = text.slice(start, end).replace(/[\r\n]/g, ' ');
  let pendingStart = -1;
  for (const { segment, index } of segmenter.segment(flat)) {
    const s = start + index;
    if (pendingStart === -1) pendingStart = s;
    if (ABBREVIATION.test(segment.slice(-16)) && s + segment.length < end) continue;
    pushTrimmed(text, pendingStart, s + segment.length, spans);
    pendingStart = -1;
  }
  if (pendingStart !== -1) pushTrimmed(text, pendingStart, end, spans);
}

function pushTrimmed(text: string, start: number, end: number, out: Span[]): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push([start, end]);
}
