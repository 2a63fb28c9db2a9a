// A small, strict XML reader for the tests of the JUnit report (the project has no XML parser, and
// needs none at run time). It refuses what a CI's parser refuses: unmatched or unclosed tags, text
// after the root, a raw `<` or a bare `&` in text or attributes, an unknown entity, a duplicate or
// unquoted attribute, a character XML 1.0 cannot hold. It keeps elements, attributes and text.
export interface XmlElement { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string }

const NAME = /[A-Za-z_:][\w.:-]*/y;
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`not well-formed XML at offset ${i}: ${why}`);
  };
  if (NOT_XML.test(xml)) fail(`a character XML cannot hold (U+${xml.codePointAt(xml.search(NOT_XML))!.toString(16)})`);
  const decode = (raw: string): string => {
    if (raw.includes('<')) fail('a raw < in text or in an attribute');
    return raw.replace(/&([^;&\s]*);?/g, (whole, ref: string) => {
      if (!whole.endsWith(';')) fail(`a bare & ("${whole}")`);
      if (ref in ENTITIES) return ENTITIES[ref]!;
      const code = /^#x([0-9a-fA-F]+)$/.exec(ref)?.[1] ?? /^#(\d+)$/.exec(ref)?.[1];
      if (code === undefined) return fail(`an unknown entity &${ref};`);
      return String.fromCodePoint(ref.startsWith('#x') ? parseInt(code, 16) : Number(code));
    });
  };
  const skipSpace = (): void => {
    while (/\s/.test(xml[i] ?? '')) i++;
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const match = NAME.exec(xml) ?? fail('a name expected');
    i += match[0].length;
    return match[0];
  };
  const expect = (text: string): void => {
    if (!xml.startsWith(text, i)) fail(`"${text}" expected`);
    i += text.length;
  };

  function element(): XmlElement {
    expect('<');
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      const before = i;
      skipSpace();
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') break;
      if (i === before) fail('a space expected between attributes');
      const attr = name();
      if (attr in el.attrs) fail(`attribute ${attr} given twice`);
      skipSpace();
      expect('=');
      skipSpace();
      const quote = xml[i];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attr} is not quoted`);
      const end = xml.indexOf(quote!, i + 1);
      if (end < 0) fail(`attribute ${attr} is not closed`);
      el.attrs[attr] = decode(xml.slice(i + 1, end));
      i = end + 1;
    }
    i++;
    for (;;) {
      if (i >= xml.length) fail(`<${el.name}> is not closed`);
      if (xml.startsWith('</', i)) {
        i += 2;
        if (name() !== el.name) fail(`</${el.name}> expected`);
        skipSpace();
        expect('>');
        return el;
      }
      if (xml.startsWith('<!--', i)) {
        const end = xml.indexOf('-->', i);
        if (end < 0) fail('a comment is not closed');
        i = end + 3;
      } else if (xml[i] === '<') el.children.push(element());
      else {
        const end = xml.indexOf('<', i);
        el.text += decode(xml.slice(i, end < 0 ? xml.length : end));
        i = end < 0 ? xml.length : end;
      }
    }
  }

  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) fail('the XML declaration is not closed');
    i = end + 2;
  }
  skipSpace();
  const root = element();
  skipSpace();
  if (i !== xml.length) fail('content after the root element');
  return root;
}
