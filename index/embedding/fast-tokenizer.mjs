// Output-identical, faster replacements for the hottest steps of Transformers.js's BERT tokenizer, which
// takes ~75% of the offline model's time. Measured on 1000-character passages: BertNormalizer's
// character-by-character clean-up (two regex tests per character) is 40% of tokenizing and drops to a
// tenth with whole-string regexes; WordPiece spreads and re-joins every word even when the whole word is
// in the vocabulary. Only instances with the exact configuration handled here are patched;
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
  const model = tokenizer.model;
  if (model?.config?.type === 'WordPiece' && model.tokens_to_ids instanceof Map && typeof model.encode === 'function') {
    const encode = model.encode.bind(model);
    /** @type {Map<string, number>} */
    const vocab = model.tokens_to_ids;
    const maxChars = model.max_input_chars_per_word;
    // A word in the vocabulary is its own first (longest) match, so it encodes to itself.
    model.encode = (/** @type {string[]} */ words) => {
      const out = [];
      for (const word of words) {
        if (word.length <= maxChars && vocab.has(word)) out.push(word);
        else for (const piece of encode([word])) out.push(piece);
      }
      return out;
    };
  }
}
