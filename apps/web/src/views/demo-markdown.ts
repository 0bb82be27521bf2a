/**
 * Message text as a Discord client shows it: its Markdown subset and mentions, as HTML.
 *
 * Parsing is discord-markdown-parser's (Discord's rules on top of simple-markdown; it returns a syntax
 * tree, not HTML). The HTML is ours, built with `html`, so every piece of text is escaped: raw HTML in a
 * message stays text, and only http(s) links become links.
 */
import { parse } from 'discord-markdown-parser';
import { discordDisplayText, shown } from './format.js';
import { html, SafeHtml } from './html.js';

/** Names for mention ids; undefined when unknown (shown as Discord shows a mention it cannot resolve). */
export interface MentionNames {
  user(id: string): string | undefined;
  role(id: string): string | undefined;
  channel(id: string): string | undefined;
}

/** A node of discord-markdown-parser's tree: `type` plus rule-specific fields (`content`, `target`, `id`...). */
interface MarkdownNode {
  type: string;
  [field: string]: unknown;
}

export const markdownCss = `
.md-h{font-weight:700;color:#f2f3f5;margin:.3rem 0 .1rem}.md-h1{font-size:1.35rem}.md-h2{font-size:1.15rem}.md-h3{font-size:1rem}
.md-sub{display:block;font-size:.75rem;color:#949ba4}
.md-quote{border-left:4px solid #4e5058;padding:0 .6rem;margin:.2rem 0}
.md-code{background:#2b2d31;border-radius:3px;padding:0 .2rem;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em}
.md-pre{background:#2b2d31;border:1px solid #1e1f22;border-radius:4px;padding:.5rem;white-space:pre-wrap;margin:.3rem 0;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.85em}
.md-spoiler{background:#1e1f22;color:transparent;border-radius:3px}.md-spoiler:hover,.md-spoiler:focus{color:inherit;background:#404249}
.mention{background:#3c4270;color:#c9cdfb;border-radius:3px;padding:0 .15rem}
.msg a{color:#00a8fc}
`;

/** An http(s) URL as it may appear in an href, or undefined: `javascript:`, `data:` and the like are never links. */
export function safeLinkTarget(target: unknown): string | undefined {
  if (typeof target !== 'string') return undefined;
  try {
    const url = new URL(target);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function mention(text: string): SafeHtml {
  return html`<span class="mention">${text}</span>`;
}

function link(node: MarkdownNode, names: MentionNames): SafeHtml | string {
  const href = safeLinkTarget(node.target);
  const label = children(node, names);
  // Discord asks before following a masked link; the title at least shows where it goes.
  return href === undefined ? label : html`<a href="${href}" title="${href}" rel="noopener noreferrer nofollow" target="_blank">${label}</a>`;
}

function children(node: MarkdownNode, names: MentionNames): SafeHtml | string {
  const { content } = node;
  if (Array.isArray(content)) return renderNodes(content as MarkdownNode[], names);
  return str(content);
}

function renderNode(node: MarkdownNode, names: MentionNames): SafeHtml | string {
  switch (node.type) {
    case 'text':
      return str(node.content);
    case 'br':
    case 'newline':
      return new SafeHtml('<br>');
    case 'strong':
      return html`<strong>${children(node, names)}</strong>`;
    case 'em':
      return html`<em>${children(node, names)}</em>`;
    case 'underline':
      return html`<u>${children(node, names)}</u>`;
    case 'strikethrough':
      return html`<s>${children(node, names)}</s>`;
    case 'inlineCode':
      return html`<code class="md-code">${str(node.content)}</code>`;
    case 'codeBlock':
      return html`<pre class="md-pre"><code>${str(node.content)}</code></pre>`;
    case 'blockQuote':
      return html`<div class="md-quote">${children(node, names)}</div>`;
    case 'heading': {
      const level = node.level === 1 || node.level === 2 ? node.level : 3;
      return html`<div class="md-h md-h${level}">${children(node, names)}</div>`;
    }
    case 'subtext':
      return html`<span class="md-sub">${children(node, names)}</span>`;
    case 'spoiler':
      return html`<span class="md-spoiler" tabindex="0" title="Spoiler">${children(node, names)}</span>`;
    case 'link':
    case 'url':
    case 'autolink':
      return link(node, names);
    case 'user':
      return mention(`@${names.user(str(node.id)) ?? 'unknown-user'}`);
    case 'role':
      return mention(`@${names.role(str(node.id)) ?? 'deleted-role'}`);
    case 'channel':
      return mention(`#${names.channel(str(node.id)) ?? 'unknown'}`);
    case 'everyone':
      return mention('@everyone');
    case 'here':
      return mention('@here');
    case 'slashCommand':
      return mention(`/${str(node.fullName)}`);
    case 'emoji':
      // Custom emoji images live on Discord's CDN; the page makes no outside requests, so the name stands in.
      return `:${str(node.name)}:`;
    case 'twemoji':
      return str(node.name);
    case 'timestamp':
      return discordDisplayText(`<t:${str(node.timestamp)}${node.format ? `:${str(node.format)}` : ''}>`);
    default:
      return children(node, names);
  }
}

function renderNodes(nodes: readonly MarkdownNode[], names: MentionNames): SafeHtml {
  return html`${nodes.map((node) => renderNode(node, names))}`;
}

/**
 * `text` (a message's content, an embed's description or field) as Discord renders it: bold, italics,
 * underline, strikethrough, code, code blocks, quotes, headers, subtext, masked links, spoilers,
 * mentions by name and timestamps. E-mail addresses and tokens are masked first (`shown`), on the
 * whole text, so Markdown cannot split one past the mask.
 */
export function discordMarkdown(text: string, names: MentionNames): SafeHtml {
  const masked = shown(text) ?? '';
  // 'extended' adds masked links ([label](url)), which webhook and bot messages (and embeds) may use.
  return renderNodes(parse(masked, 'extended') as MarkdownNode[], names);
}
