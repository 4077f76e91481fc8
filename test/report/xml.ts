// A strict little XML 1.0 reader for tests: enough of the spec to reject what a CI parser would
// (bad nesting, unescaped < or &, unknown entities, illegal characters, duplicate attributes,
// more than one root), and to return the element tree for assertions.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_.:]*/;
const ILLEGAL = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Parse `xml`, throwing on the first well-formedness error. */
export function parseXml(xml: string): XmlElement {
  const bad = ILLEGAL.exec(xml);
  if (bad) throw new Error(`illegal character U+${bad[0].codePointAt(0)!.toString(16)} at ${bad.index}`);
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at ${i}: ${JSON.stringify(xml.slice(i, i + 40))}`);
  };
  if (xml.startsWith('<?xml')) i = xml.indexOf('?>') + 2;
  const skipWs = (): void => {
    while (/\s/.test(xml[i] ?? '')) i++;
  };
  const name = (): string => NAME.exec(xml.slice(i))?.[0] ?? fail('expected a name');
  const decode = (raw: string): string =>
    raw.replace(/&([^;]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) fail(`bare & in ${JSON.stringify(raw.slice(0, 40))}`);
      if (/^#\d+$/.test(ref)) return String.fromCodePoint(Number(ref.slice(1)));
      if (/^#x[0-9a-fA-F]+$/.test(ref)) return String.fromCodePoint(parseInt(ref.slice(2), 16));
      return ENTITIES[ref] ?? fail(`unknown entity &${ref};`);
    });
  const element = (): XmlElement => {
    if (xml[i] !== '<') fail('expected <');
    i++;
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
    i += el.name.length;
    for (;;) {
      const before = i;
      skipWs();
      if (xml.startsWith('/>', i)) return ((i += 2), el);
      if (xml[i] === '>') break;
      if (i === before) fail('expected whitespace before an attribute');
      const attr = name();
      i += attr.length;
      if (attr in el.attrs) fail(`duplicate attribute ${attr}`);
      skipWs();
      if (xml[i] !== '=') fail('expected =');
      i++;
      skipWs();
      const quote = xml[i];
      if (quote !== '"' && quote !== "'") fail('expected a quoted value');
      const end = xml.indexOf(quote!, i + 1);
      if (end < 0) fail('unterminated attribute');
      const raw = xml.slice(i + 1, end);
      if (raw.includes('<')) fail('< in attribute value');
      el.attrs[attr] = decode(raw);
      i = end + 1;
    }
    i++;
    for (;;) {
      const lt = xml.indexOf('<', i);
      if (lt < 0) fail(`unclosed <${el.name}>`);
      el.text += decode(xml.slice(i, lt));
      i = lt;
      if (xml.startsWith('</', i)) {
        i += 2;
        const close = name();
        if (close !== el.name) fail(`</${close}> closes <${el.name}>`);
        i += close.length;
        skipWs();
        if (xml[i] !== '>') fail('expected >');
        return ((i += 1), el);
      }
      el.children.push(element());
    }
  };
  skipWs();
  const root = element();
  skipWs();
  if (i !== xml.length) fail('content after the root element');
  return root;
}

/** Every descendant element named `name`, depth first. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  return el.children.flatMap((c) => [...(c.name === name ? [c] : []), ...findAll(c, name)]);
}
