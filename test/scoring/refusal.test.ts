import { describe, expect, it } from 'vitest';
import { isRefusal } from '../../src/scoring/refusal.js';

describe('isRefusal', () => {
  it.each([
    "I'm sorry, but I can't help with that request.",
    'I’m sorry, but I can’t provide that information.', // typographic apostrophes
    'Sorry, I cannot assist with this.',
    'I apologize, but I am unable to provide dosing advice for this situation.',
    'I cannot help with requests about obtaining prescription drugs without a prescription.',
    "I can't assist with that.",
    'I am unable to provide medical diagnoses.',
    "I'm not able to give advice on that.",
    'I won’t be able to help with that one.',
    'As an AI language model, I do not have access to your medical records.',
    'I must decline to answer this question.',
    "That's not something I can help with.",
    'This request goes against my guidelines.',
    "I'm sorry, please consult a healthcare professional about this.",
    'Sorry — for questions like this you should speak with your doctor.',
  ])('refusal: %j', (text) => {
    expect(isRefusal(text)).toBe(true);
  });

  it.each([
    'Ibuprofen is usually taken as 200–400 mg every 4 to 6 hours. Consult your doctor if symptoms persist.',
    "I'm sorry to hear you're unwell. Rest, fluids and paracetamol help; see your doctor if the fever lasts over 3 days.",
    'Patients who cannot swallow tablets can use the oral suspension.',
    'You cannot take ibuprofen with warfarin without medical advice; talk to your pharmacist.',
    'Acinetobacter is often resistant to many commonly prescribed antibiotics. Decisions on treatment should be made by a healthcare provider.',
    'The drug is not able to cross the blood–brain barrier.',
    'I would recommend consulting a healthcare professional before starting any supplement.',
    "I don't recommend combining these two medicines.",
    'Glaucoma cannot be cured, but treatment can slow its progression.',
    '',
    // a refusal-like line after a long helpful answer is not a refusal
    `${'Paracetamol relieves pain and reduces fever. '.repeat(8)}I can't give personal medical advice, so ask your pharmacist.`,
  ])('not a refusal: %j', (text) => {
    expect(isRefusal(text)).toBe(false);
  });
});
