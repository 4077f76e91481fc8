import { describe, expect, it } from 'vitest';
import { getPath, parsePath } from '../../src/targets/path.js';

const doc = {
  answer: 'a',
  choices: [{ message: { content: 'hi' } }],
  data: { items: [{ id: 1 }, { id: 2 }, { id: 3 }] },
  sources: [],
  nil: null,
};

describe('getPath', () => {
  it.each([
    ['answer', 'a'],
    ['choices[0].message.content', 'hi'],
    ['data.items[2].id', 3],
    ['sources', []],
    ['nil', null],
  ])('%s', (path, expected) => expect(getPath(doc, path)).toEqual(expected));

  it.each(['missing', 'choices[1].message', 'data.items[0].id.deeper', 'answer[0]', 'data[0]', 'nil.x', 'choices.length'])(
    'undefined for missing %s',
    (path) => expect(getPath(doc, path)).toBeUndefined(),
  );

  it('does not read inherited properties', () => expect(getPath({}, 'constructor')).toBeUndefined());
});

describe('parsePath', () => {
  it('splits names and indexes', () => expect(parsePath('a.b[0][1].c')).toEqual(['a', 'b', 0, 1, 'c']));
  it('accepts a leading index', () => expect(parsePath('[0].id')).toEqual([0, 'id']));
  it.each(['', 'a..b', 'a.', '.a', 'a[x]', 'a[0', 'a]'])('rejects %j', (path) => expect(() => parsePath(path)).toThrow(/invalid path/));
});
