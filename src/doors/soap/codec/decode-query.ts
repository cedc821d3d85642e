// Administration query requests (soap-wire.md §4 userQuery/digipassQuery): search attributes of
// `attributeSet` (attributeOptions `negative` inverts, `null` asks for an empty field), the attribute
// IDs of `fieldSet` to return, and `queryOptions` rowcount/rowoffset.
import type { Criterion, Page } from '../../../admin/query.js';
import { adminFldById } from './admin-fields.js';
import type { RequestAttribute } from './envelope.js';
import { invalidData, type FieldProblem } from './fields.js';
import { childNamed, type XmlElement } from './tree.js';

export const DEFAULT_ROW_COUNT = 100;

export interface AdminQuery {
  readonly criteria: readonly Criterion[];
  /** Attribute IDs to return; undefined = all. */
  readonly fields?: ReadonlySet<string>;
  readonly page: Page;
  readonly invalid?: FieldProblem;
}

export function readQuery(attributes: ReadonlyMap<string, RequestAttribute>, children: readonly XmlElement[]): AdminQuery {
  const criteria: Criterion[] = [];
  for (const [id, attr] of attributes) {
    const fld = adminFldById(id);
    if (!fld) continue;
    if (attr.nested) return { criteria, page: { offset: 0, count: 1 }, invalid: invalidData(`${id} must be a simple value`) };
    criteria.push({ field: fld.field, value: attr.value, negative: attr.options.negative === true, isNull: attr.options.null === true });
  }
  const fieldSet = children.find((c) => c.name === 'fieldSet');
  const ids = fieldSet?.children.filter((c) => c.name === 'attributeID').map((c) => c.text.trim()).filter((t) => t !== '');
  const options = children.find((c) => c.name === 'queryOptions');
  const count = number(options, 'rowcount') ?? DEFAULT_ROW_COUNT;
  const offset = number(options, 'rowoffset') ?? 0;
  const bad = Number.isNaN(count) || Number.isNaN(offset) ? invalidData('queryOptions rowcount and rowoffset must be whole numbers') : undefined;
  return { criteria, fields: ids && ids.length > 0 ? new Set(ids) : undefined, page: { offset, count }, invalid: bad };
}

function number(el: XmlElement | undefined, name: string): number | undefined {
  const text = el ? childNamed(el, name)?.text.trim() : undefined;
  if (!text) return undefined;
  return /^\d{1,9}$/.test(text) ? Number(text) : NaN;
}
