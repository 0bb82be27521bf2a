/**
 * A tiny HTML builder: every interpolated value is escaped unless it is already `SafeHtml`,
 * so a page cannot be broken (or scripted) by an account name or an error message.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlPart = SafeHtml | string | number | bigint | boolean | null | undefined | HtmlPart[];

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * `text` as HTML text or attribute value: the five markup characters as entities, and NUL (which
 * HTML forbids; a URL's `%00` reaches error messages) as U+FFFD, what a browser would show.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\0]/g, (c) => entities[c] ?? '\uFFFD');
}

function render(part: HtmlPart): string {
  if (part === null || part === undefined || part === false || part === true) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(render).join('');
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...values: HtmlPart[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** Query strings for links, e.g. `?q=alice&before=42`; empty values are left out. */
export function queryString(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}
