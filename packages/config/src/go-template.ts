import { z } from 'zod';

/**
 * The part of Go's text/template that Down Arrows Bot's settings use: text with field actions
 * such as `{{.Member.ID}}` (seed-behaviour §3.2 `discord.welcome`, §3.13 `reddit.user_agent`).
 * Also understood as Go does: spaces inside the braces (`{{ .OS }}`), trim markers (`{{- .OS -}}`
 * removes the white space before/after) and comments (opened by `{{/*`, closed by the same in
 * reverse). Anything else Go would run (pipelines, functions, `if`, variables) is refused, and so
 * is a field not in the allowed list: Go would only fail when the template runs (for the welcome
 * message: when a member joins).
 *
 * Written here because the npm ports (@ctrl/golang-template) render unknown fields as empty text
 * instead of refusing them and cannot list the fields a template uses, which is the check needed.
 */

/** A template Go would refuse, or one using more than the allowed fields. */
export class GoTemplateError extends Error {
  override name = 'GoTemplateError';
}

/** Values for {@link GoTemplate.render}: `{ Member: { ID: '1' } }` for `{{.Member.ID}}`. */
export interface GoTemplateValues {
  readonly [name: string]: string | number | GoTemplateValues;
}

export interface GoTemplate {
  /** The fields used, as written without the dot (`Member.ID`), in order of first use. */
  readonly fields: readonly string[];
  /** The text with every field replaced; throws if `values` lacks a field the template uses. */
  render(values: GoTemplateValues): string;
}

type Piece = { text: string } | { field: string };

const spaceChars = ' \t\r\n';
const trimStart = (text: string) => text.replace(/^[ \t\r\n]+/, '');
const trimEnd = (text: string) => text.replace(/[ \t\r\n]+$/, '');
const fieldPattern = /^(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/**
 * Parses `text` and checks that it uses only `allowed` fields (written `Member.ID`, without the
 * leading dot; case matters, as in Go). Throws {@link GoTemplateError} naming the first problem:
 * `unclosed action`, `{{len .X}} is not a field`, `{{.Member.Nick}} is not available (use …)`.
 */
export function parseGoTemplate(text: string, allowed: readonly string[]): GoTemplate {
  const pieces: Piece[] = [];
  let rest = text;
  let trimNext = false;
  while (rest !== '') {
    const open = rest.indexOf('{{');
    let before = open === -1 ? rest : rest.slice(0, open);
    if (trimNext) before = trimStart(before);
    trimNext = false;
    if (open === -1) {
      pieces.push({ text: before });
      break;
    }
    let inside = rest.slice(open + 2);
    // Go's trim markers: "{{- " and " -}}", the dash followed / preceded by white space.
    if (inside.startsWith('-') && spaceChars.includes(inside[1] ?? 'x')) {
      before = trimEnd(before);
      inside = inside.slice(2);
    }
    pieces.push({ text: before });
    const comment = inside.startsWith('/*') ? inside.indexOf('*/') : -1;
    if (inside.startsWith('/*') && comment === -1) throw new GoTemplateError('unclosed comment (a "{{/*" without "*/}}")');
    const close = inside.indexOf('}}', comment === -1 ? 0 : comment + 2);
    if (close === -1) throw new GoTemplateError(`unclosed action (a "{{" without "}}")`);
    let action = inside.slice(0, close);
    rest = inside.slice(close + 2);
    if (action.endsWith('-') && spaceChars.includes(action.at(-2) ?? 'x')) {
      trimNext = true;
      action = action.slice(0, -2);
    }
    if (comment !== -1) {
      if (!action.endsWith('*/')) throw new GoTemplateError(`comment not closed by "*/}}"`);
      continue;
    }
    const field = action.trim();
    if (!fieldPattern.test(field)) {
      throw new GoTemplateError(`{{${action}}} is not a field: only ${allowed.map((f) => `{{.${f}}}`).join(', ')} may be used`);
    }
    if (!allowed.includes(field.slice(1))) {
      throw new GoTemplateError(`{{${field}}} is not available: only ${allowed.map((f) => `{{.${f}}}`).join(', ')} may be used`);
    }
    pieces.push({ field: field.slice(1) });
  }
  const fields = [...new Set(pieces.flatMap((p) => ('field' in p ? [p.field] : [])))];
  return {
    fields,
    render: (values) => pieces.map((piece) => ('field' in piece ? String(lookup(values, piece.field)) : piece.text)).join(''),
  };
}

function lookup(values: GoTemplateValues, field: string): string | number {
  let node: string | number | GoTemplateValues | undefined = values;
  for (const name of field.split('.')) node = typeof node === 'object' ? node[name] : undefined;
  if (node === undefined || typeof node === 'object') throw new GoTemplateError(`no value given for {{.${field}}}`);
  return node;
}

/** Renders a template once (parse + render); see {@link parseGoTemplate}. */
export function renderGoTemplate(text: string, allowed: readonly string[], values: GoTemplateValues): string {
  return parseGoTemplate(text, allowed).render(values);
}

/** A setting holding a Go template that may use only `allowed` fields; the text is kept as written. */
export const goTemplate = (allowed: readonly string[]) =>
  z.string().superRefine((text, ctx) => {
    try {
      parseGoTemplate(text, allowed);
    } catch (error) {
      if (!(error instanceof GoTemplateError)) throw error;
      ctx.addIssue({ code: 'custom', message: `is not a valid template: ${error.message}` });
    }
  });
