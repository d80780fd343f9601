// The non-weight files of a BERT-style model as Transformers.js loads them: config.json, a lowercasing
// WordPiece tokenizer.json and tokenizer_config.json. Output is deterministic (fixed key order).

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;

export interface BertFilesOptions {
  /** Every token; the first four must be SPECIAL_TOKENS in that order. Ids are positions. */
  vocab: string[];
  hiddenSize: number;
  modelMaxLength: number;
  /** Extra config.json fields (layers, heads, ...). */
  config?: Record<string, unknown>;
}

export function bertFiles(options: BertFilesOptions): Record<string, string> {
  const { vocab } = options;
  SPECIAL_TOKENS.forEach((token, id) => {
    if (vocab[id] !== token) throw new Error(`vocab[${id}] must be ${token}`);
  });
  const id = (token: string): number => vocab.indexOf(token);
  const config = {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: options.hiddenSize,
    vocab_size: vocab.length,
    max_position_embeddings: options.modelMaxLength,
    pad_token_id: id('[PAD]'),
    ...options.config,
  };
  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: options.modelMaxLength,
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    clean_up_tokenization_spaces: true,
  };
  const special = (token: string) => ({ SpecialToken: { id: token, type_id: 0 } });
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: id(content), content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]')],
      pair: [special('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, special('[SEP]'), { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((token, i) => [token, i])),
    },
  };
  return {
    'config.json': JSON.stringify(config, null, 2) + '\n',
    'tokenizer.json': JSON.stringify(tokenizer) + '\n',
    'tokenizer_config.json': JSON.stringify(tokenizerConfig, null, 2) + '\n',
  };
}
