/**
 * Message components (https://discord.com/developers/docs/components/reference), validated like
 * Discord for the classic layout: at most 5 action rows (type 1), each with 1-5 buttons (type 2) or
 * one select menu; a button has a style 1-6, a label of at most 80 characters, and a `custom_id` of
 * 1-100 characters — except link buttons (style 5), which have a `url` and no `custom_id`, and premium
 * buttons (style 6), which have a `sku_id`. Custom ids are unique within a message. Messages flagged
 * IS_COMPONENTS_V2 are accepted without checks (not faked). Error codes are 50035 trees; the leaf
 * codes for rules Discord does not document are the fake's own names.
 */
import { ComponentType, MessageFlags } from 'discord-api-types/v10';
import { asObject, type FormErrors } from './validate.js';

export const COMPONENT_LIMITS = { rows: 5, perRow: 5, customId: 100, label: 80, url: 512 } as const;
const SELECTS = new Set<number>([
  ComponentType.StringSelect, ComponentType.UserSelect, ComponentType.RoleSelect, ComponentType.MentionableSelect, ComponentType.ChannelSelect,
]);
const LINK = 5;
const PREMIUM = 6;

type Path = (string | number)[];

/** Records every problem of `body.components` in `errors`. */
export function checkComponents(body: Record<string, unknown>, errors: FormErrors): void {
  const { components } = body;
  if (components === undefined || components === null) return;
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  if ((flags & MessageFlags.IsComponentsV2) !== 0) return;
  if (!Array.isArray(components)) return errors.add(['components'], 'BASE_TYPE_ARRAY', 'Must be an array.');
  if (components.length > COMPONENT_LIMITS.rows) {
    errors.add(['components'], 'BASE_TYPE_MAX_LENGTH', `Must be ${COMPONENT_LIMITS.rows} or fewer in length.`);
  }
  const seen = new Set<string>();
  components.forEach((raw, i) => checkRow(asObject(raw), ['components', i], errors, seen));
}

function checkRow(row: Record<string, unknown> | undefined, path: Path, errors: FormErrors, seen: Set<string>): void {
  if (row === undefined) return errors.add(path, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
  if (row.type !== ComponentType.ActionRow) {
    return errors.add([...path, 'type'], 'UNION_TYPE_CHOICES', `Value of field "type" must be one of (${ComponentType.ActionRow},).`);
  }
  const children = row.components;
  if (!Array.isArray(children)) return errors.add([...path, 'components'], 'BASE_TYPE_REQUIRED', 'This field is required');
  if (children.length < 1) errors.add([...path, 'components'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
  if (children.length > COMPONENT_LIMITS.perRow) {
    errors.add([...path, 'components'], 'BASE_TYPE_MAX_LENGTH', `Must be ${COMPONENT_LIMITS.perRow} or fewer in length.`);
  }
  const hasSelect = children.some((c) => SELECTS.has(asObject(c)?.type as number));
  if (hasSelect && children.length > 1) {
    errors.add([...path, 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
  }
  children.forEach((raw, j) => {
    const child = asObject(raw);
    const at = [...path, 'components', j];
    if (child === undefined) return errors.add(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    if (child.type === ComponentType.Button) return checkButton(child, at, errors, seen);
    if (SELECTS.has(child.type as number)) return checkCustomId(child.custom_id, at, errors, seen);
    errors.add([...at, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be a button (2) or a select menu (3, 5-8) in an action row.');
  });
}

function checkButton(button: Record<string, unknown>, path: Path, errors: FormErrors, seen: Set<string>): void {
  const { style, label, url } = button;
  if (typeof style !== 'number' || !Number.isInteger(style) || style < 1 || style > PREMIUM) {
    errors.add([...path, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6}.');
    return;
  }
  if (label !== undefined && label !== null) {
    if (typeof label !== 'string') errors.add([...path, 'label'], 'BASE_TYPE_STRING', 'Must be a string.');
    else errors.maxLength([...path, 'label'], label, COMPONENT_LIMITS.label);
  }
  if (style === LINK) {
    if (typeof url !== 'string' || !/^(https?|discord):\/\/\S+$/.test(url)) errors.add([...path, 'url'], 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
    else errors.maxLength([...path, 'url'], url, COMPONENT_LIMITS.url);
    if (button.custom_id !== undefined) errors.add([...path, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED', 'A link button cannot have a custom id.');
    return;
  }
  if (style === PREMIUM) {
    if (typeof button.sku_id !== 'string') errors.add([...path, 'sku_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if (url !== undefined) errors.add([...path, 'url'], 'BUTTON_COMPONENT_URL_NOT_ALLOWED', 'Only link buttons can have a url.');
  checkCustomId(button.custom_id, path, errors, seen);
}

function checkCustomId(customId: unknown, path: Path, errors: FormErrors, seen: Set<string>): void {
  const at = [...path, 'custom_id'];
  if (customId === undefined || customId === null || customId === '') return errors.add(at, 'BASE_TYPE_REQUIRED', 'This field is required');
  if (typeof customId !== 'string') return errors.add(at, 'BASE_TYPE_STRING', 'Must be a string.');
  errors.maxLength(at, customId, COMPONENT_LIMITS.customId);
  if (seen.has(customId)) errors.add(at, 'COMPONENT_CUSTOM_ID_DUPLICATED', 'Component custom id cannot be duplicated');
  seen.add(customId);
}

/** A clickable button of a message body by custom id: not a link/premium button. */
export function findButton(body: Record<string, unknown>, customId: string): Record<string, unknown> | undefined {
  const rows = Array.isArray(body.components) ? body.components : [];
  for (const row of rows) {
    const children = asObject(row)?.components;
    if (!Array.isArray(children)) continue;
    for (const raw of children) {
      const child = asObject(raw);
      if (child?.type === ComponentType.Button && child.custom_id === customId) return child;
    }
  }
  return undefined;
}
