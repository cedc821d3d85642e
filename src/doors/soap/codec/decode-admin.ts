// Administration requests (soap-wire.md §4 admin shapes): the `sessionID` and `cmd` siblings before
// `attributeSet`, and its USERFLD_/DIGIPASSFLD_ attributes checked against codec/admin-fields.ts
// (value type and length; unknown and output-only IDs ignored; values never quoted in messages).
import { CREDFLD } from './credfld.js';
import { readAttributeSet, type RequestAttribute } from './envelope.js';
import { adminFldById, type AdminFld } from './admin-fields.js';
import { invalidData, type FieldProblem } from './fields.js';
import type { XmlElement } from './tree.js';

export type AdminValue = string | boolean | number;

export interface AdminFields {
  readonly values: Readonly<Record<string, AdminValue>>;
  readonly invalid?: FieldProblem;
}

/** The text of a sibling element of the attribute set (`sessionID`, `cmd`), trimmed; undefined when empty. */
export function siblingText(children: readonly XmlElement[], name: string): string | undefined {
  const el = children.find((c) => c.name === name);
  const text = el?.text.trim();
  return text ? text : undefined;
}

/**
 * The administration session: the `sessionID` sibling, else the session-id attribute inside `attributeSet`
 * (how several public admin clients send logoff and sessionalive) [OURS: both accepted].
 */
export function sessionIdOf(children: readonly XmlElement[]): string | undefined {
  const sibling = siblingText(children, 'sessionID');
  if (sibling) return sibling;
  const set = children.find((c) => c.name === 'attributeSet');
  const value = set ? readAttributeSet(set).get(CREDFLD.SESSION_ID.id)?.value?.trim() : undefined;
  return value ? value : undefined;
}

/** Reads the administration attributes; the first invalid one is reported, not thrown. */
export function readAdminFields(attributes: ReadonlyMap<string, RequestAttribute>): AdminFields {
  const values: Record<string, AdminValue> = {};
  let invalid: FieldProblem | undefined;
  for (const [id, attr] of attributes) {
    const fld = adminFldById(id);
    if (!fld?.input || attr.value === undefined || fld.field in values) continue;
    const parsed = parse(fld, attr);
    if (typeof parsed === 'object') invalid ??= parsed;
    else values[fld.field] = parsed;
  }
  return { values, invalid };
}

function parse(fld: AdminFld, attr: RequestAttribute): AdminValue | FieldProblem {
  if (attr.nested) return invalidData(`${fld.id} must be a simple value`);
  const v = attr.value!;
  if (v.length > fld.maxLength) return invalidData(`${fld.id} is longer than ${fld.maxLength} characters`);
  if (fld.type === 'boolean') {
    const t = v.trim().toLowerCase();
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
    return invalidData(`${fld.id} must be true or false`);
  }
  if (fld.type === 'int') return /^\s*-?\d{1,9}\s*$/.test(v) ? Number(v) : invalidData(`${fld.id} must be an integer`);
  return v;
}

/** A string field's value, if given. */
export const text = (f: AdminFields, field: string): string | undefined => (typeof f.values[field] === 'string' ? (f.values[field] as string) : undefined);
/** A boolean field's value, if given. */
export const flag = (f: AdminFields, field: string): boolean | undefined => (typeof f.values[field] === 'boolean' ? (f.values[field] as boolean) : undefined);
/** An integer field's value, if given. */
export const int = (f: AdminFields, field: string): number | undefined => (typeof f.values[field] === 'number' ? (f.values[field] as number) : undefined);
