/**
 * What logs, replies and alerts may show of an RPC URL: `scheme://host[:port]`. A path, a query or user
 * info can hold an API key or a password. Free of cosmjs, so the commands and renderers can use it.
 */
export function endpointLabel(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '<invalid URL>';
  }
}

const anyUrl = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>()]+/gi;

/**
 * Replaces every URL in a text with its scheme://host[:port], so an error never leaks credentials
 * (`https://rpc.example.org/KEY?token=…: connect refused` → `https://rpc.example.org: connect refused`):
 * punctuation ending a sentence belongs to the text, not to the URL.
 */
export function scrubUrls(text: string): string {
  return text.replace(anyUrl, (match) => {
    const [, url = match, trailing = ''] = /^(.*?)([.,;:!?]*)$/.exec(match) ?? [];
    return `${endpointLabel(url)}${trailing}`;
  });
}
