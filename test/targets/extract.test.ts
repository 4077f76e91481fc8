import { describe, expect, it } from 'vitest';
import { DOCS_PRESETS, extractAnswer, extractDocs, extractUsage } from '../../src/targets/extract.js';
import { TargetCallError } from '../../src/targets/types.js';
import { AZURE_DOCS, chatCompletion, CITATIONS } from './fixtures.js';

function extractionError(fn: () => unknown): TargetCallError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TargetCallError);
    expect((error as TargetCallError).errorClass).toBe('extraction');
    return error as TargetCallError;
  }
  throw new Error('expected an extraction error');
}

describe('extractAnswer', () => {
  it('reads a string', () => expect(extractAnswer({ data: { answer: 'yes' } }, 'data.answer')).toBe('yes'));
  it.each([[{ answer: 3 }], [{ answer: null }], [{}], [{ answer: ['x'] }]])('rejects non-strings: %j', (json) => {
    expect(extractionError(() => extractAnswer(json, 'answer')).message).toMatch(/expected the answer text at answer, found/);
  });
});

describe('extractDocs', () => {
  it('azure-on-your-data tries filepath, url, title, chunk_id in order', () => {
    expect(extractDocs(chatCompletion('x', CITATIONS), AZURE_DOCS)).toEqual(['dosing.md', 'https://kb/interactions']);
    expect(extractDocs(chatCompletion('x', [{ title: '', chunk_id: 7 }]), AZURE_DOCS)).toEqual(['7']);
  });

  it('sources preset', () => {
    expect(extractDocs({ sources: [{ id: 'a' }, { id: 2 }] }, { preset: 'sources', ...DOCS_PRESETS.sources, id: ['id'] })).toEqual([
      'a',
      '2',
    ]);
  });

  it('custom path; plain strings are their own id', () => {
    expect(extractDocs({ data: { hits: ['d1', { doc: 'd2' }] } }, { preset: 'custom', path: 'data.hits', id: ['doc'] })).toEqual([
      'd1',
      'd2',
    ]);
  });

  it('an empty list is zero documents', () =>
    expect(extractDocs({ sources: [] }, { preset: 'sources', path: 'sources', id: ['id'] })).toEqual([]));
  it('none → undefined', () => expect(extractDocs({ sources: [{ id: 'a' }] }, { preset: 'none' })).toBeUndefined());

  it('a renamed id field names the path and the fields expected', () => {
    const json = chatCompletion('x', [{ content: '…', document_name: 'dosing.md' }]);
    expect(extractionError(() => extractDocs(json, AZURE_DOCS)).message).toBe(
      'no id field (filepath|url|title|chunk_id) in choices[0].message.context.citations[0]; set target.docs.id',
    );
  });

  it('a missing docs path is an error, not zero docs', () => {
    expect(extractionError(() => extractDocs(chatCompletion('x'), AZURE_DOCS)).message).toMatch(
      /no document list at choices\[0\]\.message\.context\.citations/,
    );
  });

  it('a docs path that is not a list is an error', () => {
    expect(
      extractionError(() => extractDocs({ sources: { id: 'a' } }, { preset: 'sources', path: 'sources', id: ['id'] })).message,
    ).toMatch(/expected a list of documents at sources, found object/);
  });

  it('a malformed path is an extraction error', () => {
    expect(extractionError(() => extractDocs({}, { preset: 'custom', path: 'a..b', id: ['id'] })).message).toMatch(/invalid path/);
  });
});

describe('extractUsage', () => {
  it('maps OpenAI usage', () => expect(extractUsage(chatCompletion('x'))).toEqual({ prompt: 11, completion: 7, total: 18 }));
  it('undefined when absent', () => expect(extractUsage({ answer: 'x' })).toBeUndefined());
});
