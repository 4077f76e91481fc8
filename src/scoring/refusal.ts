// Refusal detection for LLM answers: a short list of patterns matched on the answer's opening.

/**
 * Refusals lead with the refusal, so only the opening of the answer is examined: a helpful
 * answer that ends with "I can't give personal medical advice" is not a refusal.
 */
export const REFUSAL_WINDOW_CHARS = 300;

// "I can't", "I cannot", "I'm unable to", "I am not able to", "I won't"… ("I don't" is left out:
// "I don't recommend mixing them" is advice, not a refusal).
const I_CANNOT = String.raw`\bi(?:\s+am|'m)?\s+(?:really\s+|truly\s+)?(?:can't|can\s*not|unable\s+to|not\s+able\s+to|won't|will\s+not|not\s+allowed\s+to)`;
// What a refusal declines to do ("I can't help", "I cannot provide", "I'm unable to assist"…).
const DECLINED = String.raw`(?:be\s+able\s+to\s+)?(?:help|assist|provide|answer|comply|fulfil|fulfill|respond|support|share|give|offer|discuss|engage|do\s+that|continue)`;

const PATTERNS: readonly RegExp[] = [
  // "I'm sorry, but I can't…", "Sorry, I cannot…", "I apologize, but I'm unable to…"
  new RegExp(String.raw`\b(?:sorry|apologi[sz]e)\b[^.!?\n]{0,40}?${I_CANNOT}`, 'i'),
  // "I cannot help with that", "I can't assist with", "I am unable to provide"
  new RegExp(String.raw`${I_CANNOT}\s+${DECLINED}\b`, 'i'),
  // "As an AI language model, I…"
  /\bas an ai(?:\s+(?:language\s+model|model|assistant|chatbot))?\b/i,
  /\bi\s+must\s+(?:respectfully\s+)?decline\b/i,
  /\b(?:that's|that\s+is|this\s+is|it's|it\s+is)\s+not\s+something\s+i\s+can\b/i,
  /\b(?:against|violates?)\s+(?:my|our|the)\s+(?:guidelines|policies|policy|usage\s+policies)\b/i,
  /\bi(?:'m|\s+am)\s+not\s+(?:able|allowed|permitted)\s+to\b/i,
  // An apology that sends the user to a professional instead of answering. "Sorry to hear" is
  // sympathy, not an apology, and plain "consult your doctor" is ordinary medical advice.
  /\b(?:sorry|apologi[sz]e)\b(?!\s+to\s+hear)[\s\S]{0,160}?\b(?:consult|see|speak\s+(?:to|with)|talk\s+to|contact)\s+(?:a|your)\s+(?:qualified\s+|licensed\s+)?(?:healthcare\s+(?:professional|provider)|medical\s+professional|health\s+professional|doctor|physician|pharmacist)\b/i,
];

// Typographic apostrophes (’ʼ) become ' so "I can’t" matches like "I can't".
function normalizeApostrophes(text: string): string {
  return text.replace(/[\u2018\u2019\u02BC]/g, "'");
}

// Whether an answer is a refusal, judged on its first REFUSAL_WINDOW_CHARS characters.
export function isRefusal(text: string): boolean {
  const opening = normalizeApostrophes(text.trimStart().slice(0, REFUSAL_WINDOW_CHARS));
  return PATTERNS.some((pattern) => pattern.test(opening));
}
