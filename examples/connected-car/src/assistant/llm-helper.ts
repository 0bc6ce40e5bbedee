// Drafts answers to customer questions with a language model. The model's temperature is a
// sampling parameter, not the outside temperature a car reports.

interface CompletionOptions {
  model: string;
  temperature: number;
  maxTokens: number;
}

export const completion: CompletionOptions = { model: 'small-2026', temperature: 0.2, maxTokens: 400 };

export function draftPrompt(question: string): string {
  return `Answer briefly (temperature ${completion.temperature}): ${question}`;
}
