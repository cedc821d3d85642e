// Credential attributes → request fields, checked against the CREDFLD table (soap-wire.md §3, §5):
// unknown IDs ignored, xsi:type and length checked, values never copied into messages. Shared by every
// attribute-set operation; each operation's decoder then checks what is mandatory for it.
import type { StatusKey } from '../../../domain/status.js';
import { UNTYPED_VALUE_ACCEPTED } from '../decisions.js';
import { credfldById, type CredFld, type InputField } from './credfld.js';
import type { RequestAttribute } from './envelope.js';
import { localName } from './xml.js';

export type FieldValues = Partial<Record<InputField, string>>;

export interface FieldProblem {
  readonly status: StatusKey;
  /** Names the attribute and the rule; never quotes the value. */
  readonly detail: string;
}

export interface ReadFields {
  /** Valid values by field. */
  readonly values: FieldValues;
  /** Fields given with a value, valid or not (a wrong-typed value is invalid, not missing). */
  readonly given: ReadonlySet<InputField>;
  /** The first invalid attribute in request order, if any. */
  readonly invalid?: FieldProblem;
}

/** Reads every known input attribute; the first type or length violation is reported, not thrown. */
export function readFields(attributes: ReadonlyMap<string, RequestAttribute>): ReadFields {
  const values: FieldValues = {};
  const given = new Set<InputField>();
  let invalid: FieldProblem | undefined;
  for (const [id, attr] of attributes) {
    const fld = credfldById(id);
    if (!fld?.input || attr.value === undefined || given.has(fld.input)) continue;
    given.add(fld.input);
    const problem = check(fld, attr);
    if (problem) invalid ??= problem;
    else values[fld.input] = attr.value;
  }
  return { values, given, invalid };
}

function check(fld: CredFld, attr: RequestAttribute): FieldProblem | undefined {
  if (attr.nested) return invalidData(`${fld.id} must be a simple value`);
  if (!typeAccepted(fld, attr.xsiType)) return invalidData(`${fld.id} must be typed ${fld.types.map((t) => `xsd:${t}`).join(' or ')}`);
  if (attr.value!.length > fld.maxLength) return invalidData(`${fld.id} is longer than ${fld.maxLength} characters`);
  return undefined;
}

function typeAccepted(fld: CredFld, xsiType: string | undefined): boolean {
  if (xsiType === undefined || xsiType.trim() === '') return UNTYPED_VALUE_ACCEPTED;
  return fld.types.includes(localName(xsiType.trim()));
}

export const invalidData = (detail: string): FieldProblem => ({ status: 'INVDATA', detail });
export const missingField = (fld: CredFld): FieldProblem => ({ status: 'MISSINGFLD', detail: fld.id });
