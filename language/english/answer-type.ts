// What kind of answer a question asks for ("how many" wants a number, "when" a time, "why" a reason), and whether a quote has one.
import { terms } from '../terms.ts';

export type AnswerType = 'number' | 'duration' | 'time' | 'place' | 'person' | 'reason';

const ASKS: Array<[AnswerType, RegExp]> = [
  ['number', /\bhow (?:many|much)\b|\bwhat (?:number|percentage|amount)\b/i],
  ['duration', /\bhow long\b/i],
  ['time', /\bwhen\b|\b(?:what|which) (?:year|date|day|month|time)\b/i],
  ['place', /\bwhere\b|\b(?:what|which) (?:venue|place|city|country|location)\b/i],
  ['person', /(?:^|[,;:?]\s*|\band\s+)(?:who|whom)\b/i],
  ['reason', /\bwhy\b/i],
];

const NUMBER = /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|billions?|dozens?)\b/i;
// An amount of time ("two hours", "for several days", "a decade"), not any number ("Article 5").
const DURATION =
  /\b(?:\d[\d,.]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|several|few|many)\s+(?:[\p{L}-]+\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|century|centuries)\b|\b[\p{L}\d]+-(?:minute|hour|day|week|month|year)\b|\b(?:hour|day|week|month|year)-long\b|\bovernight\b/iu;
// "since" as a reason ("since it is...", "since they..."), not as a time ("since 2002", "since the war ended").
const REASON =
  /\b(?:because|since(?=\s+(?:it|they|we|he|she|there|this|these|those|you|i)\b)|so that|in order to|owing to|due to|as a result|the reason|therefore|thus(?!\s+far)|hence|consequently|for the purpose)\b/i;
const TIME =
  /\b(?:1[5-9]\d\d|20\d\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|today|yesterday|tomorrow|tonight|ago)\b/i;
// A capitalised word after a preposition of place: "in Dushanbe", "at the Palace of Nations".
const PLACE = /\b(?:in|at|near|from|to|into|inside|outside)\s+(?:the\s+)?(\p{Lu}[\p{L}’'-]+)/gu;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
/** A "who" question wants a name beside the words it asks about ("chaired by Tajik President Emomali Rahmon"). */
const NAME_DISTANCE = 3;

/** Where the question says what kind of answer it wants ("how long", "which country"): how it asks, not what about. */
export function askingSpans(question: string): Array<[number, number]> {
  return ASKS.flatMap(([, pattern]) => [...question.matchAll(new RegExp(pattern.source, 'gi'))].map((m): [number, number] => [m.index, m.index + m[0].length]));
}

export function askedType(question: string): AnswerType | undefined {
  return ASKS.find(([, pattern]) => pattern.test(question))?.[0];
}

/** Whether the text holds an answer of the type; names already in the question don't count. */
export function holdsType(type: AnswerType, text: string, question: string): boolean {
  const fresh = (word: string) => !question.toLowerCase().includes(word.toLowerCase());
  switch (type) {
    case 'number':
      return NUMBER.test(text);
    case 'duration':
      return DURATION.test(text);
    case 'time':
      return TIME.test(text);
    case 'place':
      return [...text.matchAll(PLACE)].some((m) => fresh(m[1]!));
    case 'person':
      return nameNearQuestionWord(text, question);
    case 'reason':
      return REASON.test(text);
  }
}

function nameNearQuestionWord(text: string, question: string): boolean {
  const asked = new Set(terms(question));
  const words = [...text.matchAll(WORD)].map((m) => m[0]);
  const near = words.flatMap((w, i) => (terms(w).some((t) => asked.has(t)) ? [i] : []));
  return words.some(
    (w, i) =>
      i > 0 &&
      /^\p{Lu}\p{Ll}/u.test(w) &&
      !question.toLowerCase().includes(w.toLowerCase()) &&
      near.some((j) => Math.abs(i - j) <= NAME_DISTANCE),
  );
}
