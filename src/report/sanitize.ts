// Text a target sent us is data, never terminal control or a CI command. Before anything reads an
// attempt, its free text is cleaned once, so every sink — the terminal, GitHub workflow commands
// and job summary, Markdown, JUnit, HTML — gets the same harmless text:
// - ANSI escape sequences are removed (a green must not recolour, move or clear the terminal);
// - C0/C1 control characters (NUL included) other than tab and newline become U+FFFD;
// - bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069, the "Trojan Source"
//   characters) are shown as <U+202E> instead of reordering what people read;
// - a line that would start a GitHub workflow command (`::error::…`, `::set-output …`) is defused
//   by a space between its colons. Pure.

// CSI and OSC sequences, then any other ESC-introduced pair.
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-_]/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const COMMAND = /^(\s*):(?=:)/gm;

// Any character one of the replacements below acts on (ESC is in the control range).
const SUSPECT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The cleaned text (see above). */
export function sanitizeText(text: string): string {
  // Most texts need nothing: one scan instead of five replacements.
  if (!SUSPECT.test(text) && !text.includes('::')) return text;
  return text
    .replace(ANSI, '')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '\ufffd')
    .replace(BIDI, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase()}>`)
    .replace(COMMAND, '$1: ');
}
