// Checks a question before any work is done on it; the message is what the user sees.

export const MAX_QUESTION_LENGTH = 500;

export class QuestionError extends Error {}

// C0/C1 controls other than tab and line breaks, and unpaired surrogates.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function validateQuestion(raw: string): string {
  const question = raw.trim();
  if (question === '') throw new QuestionError('Please type a question.');
  if (question.length > MAX_QUESTION_LENGTH) {
    throw new QuestionError(`Questions can be at most ${MAX_QUESTION_LENGTH} characters; yours has ${question.length}.`);
  }
  if (CONTROL.test(question)) throw new QuestionError('The question contains control characters; please retype it as plain text.');
  return question;
}
