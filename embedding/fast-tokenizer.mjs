// Output-identical, faster replacements for the hottest steps of Transformers.js's BERT tokenizer, which
// takes ~75% of the offline model's time. Measured on 1000-character passages: BertNormalizer's
// character-by-character clean-up (two regex tests per character) is 40% of tokenizing and drops to a
// tenth with whole-string regexes; WordPiece spreads and re-joins every word even when the whole word is
// in the vocabulary, and redoes it for every comma. Only instances with the exact configuration handled
// here are patched;
// tests/embedding/fast-tokenizer.test.ts checks equality against the unpatched tokenizer.

// What BertNormalizer._clean_text drops: NUL, U+FFFD, and control/format/private-use/surrogate code points
// other than \t \n \r. It then turns each remaining whitespace character into a space.
const DROPPED = /[\0\uFFFD]|(?![\t\n\r])[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu;
const WHITESPACE = /\s/g;
// _tokenize_chinese_chars tests UTF-16 units, so only its BMP ranges can ever match.
const CJK = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/g;

const patched = new WeakSet();

/** @param {any} tokenizer a Transformers.js PreTrainedTokenizer */
export function speedUpTokenizer(tokenizer) {
  if (patched.has(tokenizer)) return;
  patched.add(tokenizer);
  const normalizer = tokenizer.normalizer;
  if (normalizer?.config?.type === 'BertNormalizer' && typeof normalizer._clean_text === 'function') {
    normalizer._clean_text = (/** @type {string} */ text) => text.replace(DROPPED, '').replace(WHITESPACE, ' ');
    normalizer._tokenize_chinese_chars = (/** @type {string} */ text) => text.replace(CJK, ' $& ');
  }
  const preTokenizer = tokenizer.pre_tokenizer;
  if (preTokenizer?.config?.type === 'BertPreTokenizer' && typeof preTokenizer.pre_tokenize_text === 'function') {
    // pre_tokenize_text already returns a flat list; the generic wrapper's Array#flat only copies it.
    const splitText = preTokenizer.pre_tokenize_text.bind(preTokenizer);
    const generic = preTokenizer.pre_tokenize.bind(preTokenizer);
    preTokenizer.pre_tokenize = (text, options) => (typeof text === 'string' ? splitText(text, options) : generic(text, options));
  }
  const model = tokenizer.model;
  if (model?.config?.type === 'WordPiece' && model.tokens_to_ids instanceof Map && typeof model.encode === 'function') {
    const encode = model.encode.bind(model);
    /** @type {Map<string, number>} */
    const vocab = model.tokens_to_ids;
    const maxChars = model.max_input_chars_per_word;
    // Words outside the vocabulary (punctuation above all) recur: remember their pieces, within bounds.
    /** @type {Map<string, string[]>} */
    const pieces = new Map();
    // A word in the vocabulary is its own first (longest) match, so it encodes to itself.
    model.encode = (/** @type {string[]} */ words) => {
      const out = [];
      for (let i = 0; i < words.length; i++) {
        const word = words[i];
        if (word.length <= maxChars && vocab.has(word)) {
          out.push(word);
          continue;
        }
        let split = pieces.get(word);
        if (!split) {
          if (pieces.size >= 50_000) pieces.clear();
          pieces.set(word, (split = encode([word])));
        }
        for (let j = 0; j < split.length; j++) out.push(split[j]);
      }
      return out;
    };
  }
}
