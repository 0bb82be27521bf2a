/**
 * Message text as a Discord client shows it: its Markdown subset and mentions, as HTML.
 *
 * Parsing is discord-markdown-parser's (Discord's rules on top of simple-markdown; it returns a syntax
 * tree, not HTML), with the block rules it gets wrong replaced (see `rules`). The HTML is ours, built
 * with `html`, so every piece of text is escaped: raw HTML in a message stays text, and only http(s)
 * links become links.
 */
import { rulesExtended, SimpleMarkdown } from 'discord-markdown-parser';
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

type Rule = (typeof rulesExtended)[string];
type NestedParse = Parameters<Rule['parse']>[1];
type ParseState = Parameters<Rule['parse']>[2];

/**
 * Whether a block element (header, subtext, list) may start here: at the start of the text or of a
 * line, i.e. right after a capture that ended with a newline. The library looks at the last *group* of
 * the previous capture instead, which a quote's does not end with: `> quote` then `# Header` on the
 * next line stayed a literal `# Header`.
 */
const atLineStart = (previous: string) => previous === '' || previous.endsWith('\n');

/** The library's expressions for headers (`#` to `###`) and subtext (`-#`), each one line. */
const HeadingLine = /^(#{1,3}) +([^\n]+?)(\n|$)/;
const SubtextLine = /^-# +([^\n]+?)(\n|$)/;

/**
 * Discord's lists: consecutive lines starting with `-` or `*` (bulleted) or a number and a dot
 * (numbered, counting on from the first number), each followed by a space; more leading spaces
 * than the item above nest a list in it.
 */
const ListLines = /^(?: *(?:[-*]|\d{1,9}\.) +\S[^\n]*(?:\n|$))+/;
const ListLine = /^( *)([-*]|\d{1,9}\.) +(.*)$/;

/** Custom emoji, `<:name:id>` or animated `<a:name:id>` (the library wants 17+ digit ids). */
const CustomEmoji = /^<(a)?:(\w{2,32}):(\d{1,21})>/;

interface ListItemLine {
  indent: number;
  ordered: boolean;
  number: number;
  text: string;
}

interface ListNode extends MarkdownNode {
  type: 'list';
  ordered: boolean;
  start: number;
  items: Array<{ content: MarkdownNode[]; lists: ListNode[] }>;
}

/** Lines into lists: a change of kind starts a new list, deeper lines nest under the item above. */
function buildLists(lines: readonly ListItemLine[], parse: (text: string) => MarkdownNode[]): ListNode[] {
  const lists: ListNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const head = lines[i++]!;
    const nested: ListItemLine[] = [];
    while (i < lines.length && lines[i]!.indent > head.indent) nested.push(lines[i++]!);
    const item = { content: parse(head.text), lists: buildLists(nested, parse) };
    const current = lists.at(-1);
    if (current && current.ordered === head.ordered) current.items.push(item);
    else lists.push({ type: 'list', ordered: head.ordered, start: head.number, items: [item] });
  }
  return lists;
}

const rules: Record<string, Rule> = {
  ...rulesExtended,
  heading: {
    ...rulesExtended.heading!,
    match: (source, _state, previous) => (atLineStart(previous) ? HeadingLine.exec(source) : null),
  },
  subtext: {
    ...rulesExtended.subtext!,
    match: (source, _state, previous) => (atLineStart(previous) ? SubtextLine.exec(source) : null),
  },
  list: {
    // Before emphasis (`* item` is not italics) and text, after headers and subtext (`-# ` is no item).
    order: 1,
    match: (source, _state, previous) => (atLineStart(previous) ? ListLines.exec(source) : null),
    parse: (capture, parse: NestedParse, state: ParseState) => {
      const lines = capture[0]!
        .split('\n')
        .filter((line) => line !== '')
        .map((line): ListItemLine => {
          const [, indent = '', marker = '', text = ''] = ListLine.exec(line) ?? [];
          const ordered = marker !== '-' && marker !== '*';
          return { indent: indent.length, ordered, number: ordered ? Number.parseInt(marker, 10) : 1, text };
        });
      return { type: 'lists', lists: buildLists(lines, (text) => parse(text, state) as MarkdownNode[]) };
    },
  },
  emoji: {
    ...rulesExtended.emoji!,
    match: (source) => CustomEmoji.exec(source),
  },
};

const parser = SimpleMarkdown.parserFor(rules);

export const markdownCss = `
.md-h{font-weight:700;color:#f2f3f5;margin:.3rem 0 .1rem}.md-h1{font-size:1.35rem}.md-h2{font-size:1.15rem}.md-h3{font-size:1rem}
.md-sub{font-size:.75rem;color:#949ba4}
.md-list{margin:.1rem 0;padding-left:1.4rem;white-space:normal}.md-list li{white-space:pre-wrap}
.md-emoji{display:inline-block;background:#404249;color:#dbdee1;border-radius:4px;padding:0 .2rem;font-size:.85em}
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
      // A block of its own (it took its line's newline): the next line starts below it.
      return html`<div class="md-sub">${children(node, names)}</div>`;
    case 'lists':
      return html`${(node.lists as ListNode[]).map((list) => renderList(list, names))}`;
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
    case 'emoji': {
      // Custom emoji images live on Discord's CDN; the page makes no outside requests, so the name stands in, styled.
      const name = `:${str(node.name)}:`;
      return html`<span class="md-emoji" role="img" aria-label="${name}" title="${node.animated === true ? `${name} (animated)` : name}">${name}</span>`;
    }
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

function renderList(list: ListNode, names: MentionNames): SafeHtml {
  const items = list.items.map((item) => html`<li>${renderNodes(item.content, names)}${item.lists.map((nested) => renderList(nested, names))}</li>`);
  if (!list.ordered) return html`<ul class="md-list">${items}</ul>`;
  return list.start === 1 ? html`<ol class="md-list">${items}</ol>` : html`<ol class="md-list" start="${String(list.start)}">${items}</ol>`;
}

/**
 * `text` (a message's content, an embed's description or field) as Discord renders it: bold, italics,
 * underline, strikethrough, code, code blocks, quotes, headers, subtext, lists, masked links, spoilers,
 * mentions by name, custom emoji by name and timestamps. E-mail addresses and tokens are masked first
 * (`shown`), on the whole text, so Markdown cannot split one past the mask.
 */
export function discordMarkdown(text: string, names: MentionNames): SafeHtml {
  const masked = shown(text) ?? '';
  // The extended rules add masked links ([label](url)), which webhook and bot messages (and embeds) may use.
  return renderNodes(parser(masked, { inline: true }) as MarkdownNode[], names);
}
