/** Swaps the slow steps of a Transformers.js BERT tokenizer for output-identical faster ones (once per tokenizer). */
export function speedUpTokenizer(tokenizer: unknown): void;
