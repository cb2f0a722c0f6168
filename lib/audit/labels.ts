import "server-only";
import { formatDate, formatDateTime } from "@/lib/dates";
import type { RootTranslator } from "@/lib/i18n";

// G-7 and G-6 (N-4 reuses it for the customers' history): an audit row or a contract-history row in words — its
// action's label, and each recorded field as a labelled value or a labelled change (before → after), from the
// catalogue's auditLabels (messages/*/auditLabels.ts). Never a raw key or JSON: a nested record is flattened, each
// part of its path labelled ("contract.companyName" → 契約窓口 法人名); null is （なし）; a code recorded as a value
// (a role, a menu, a method) is shown by its label; a date-time in Japan time.

/** One line of an entry: a field's value, or its change. `text` is the line as the catalogue writes it. */
export type LabelledLine = { label: string; text: string } & ({ value: string } | { before: string; after: string });

// next-intl's translator is typed by the catalogue's keys; these keys are made of recorded codes, so they are looked
// up as plain strings, each after `has` (a missing message throws: lib/i18n).
type LooseTranslator = { (key: string, values?: Record<string, string | number>): string; has(key: string): boolean; raw(key: string): unknown };
const loose = (t: RootTranslator) => t as unknown as LooseTranslator;

/**
 * Values recorded as codes whose labels the catalogue already has elsewhere, by the field they are recorded under;
 * the other coded values are under auditLabels.values.<field>.
 */
const VALUE_LISTS: Record<string, string> = {
  role: "admin.role",
  kind: "admin.contracts.requestKind",
  menu: "admin.files.menus",
  category: "noticeCategory",
  reason: "contactChange.reasons",
  actorType: "admin.auditLog.actorTypes",
};

/**
 * Recorded fields whose labels the catalogue already has on the screen they come from: a contact's fields as B-2 and
 * B-5 show them, the import's counts as G-6 shows them. The other fields are under auditLabels.fields.
 */
const FIELD_LABELS: Record<string, string> = {
  ...Object.fromEntries(
    ["companyName", "branchName", "department", "personName", "postalCode", "prefecture", "address", "phone", "email"].map((field) => [
      field,
      `licenses.${field}`,
    ]),
  ),
  ...Object.fromEntries(
    ["rows", "newContracts", "changedContracts", "unchangedContracts", "newLines", "changedLines", "changedContacts", "newCompanies"].map((field) => [
      field,
      `admin.contractImport.counts.${field}`,
    ]),
  ),
};

/**
 * Audit details whose keys mean something else under one action: the export records its filter (from/to: the
 * period), the role change the roles (from/to: before/after).
 */
const DETAIL_KEYS: Record<string, Record<string, string>> = {
  "staff.audit_export": { from: "periodFrom", to: "periodTo" },
  "staff.role_changed": { from: "roleBefore", to: "roleAfter" },
};

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** An audit row's action, e.g. 「法人名変更の承認」. */
export function auditActionLabel(t: RootTranslator, action: string): string {
  const l = loose(t);
  const key = `auditLabels.actions.${action}`;
  return isCode(action) && isMessage(l, key) ? l(key) : l("auditLabels.unknownAction", { code: action });
}

/** A contract-history row's action, e.g. 「契約者・サポート窓口情報の変更」. */
export function historyActionLabel(t: RootTranslator, action: string): string {
  const l = loose(t);
  const key = `auditLabels.historyActions.${action}`;
  return isCode(action) && isMessage(l, key) ? l(key) : l("auditLabels.unknownAction", { code: action });
}

/** An audit row's target, e.g. 「契約 100001」; null without one. */
export function auditTargetLabel(t: RootTranslator, type: string | null, id: string | null): string | null {
  if (!type) return null;
  const l = loose(t);
  const key = `auditLabels.targets.${type}`;
  const name = isCode(type) && isMessage(l, key) ? l(key) : type;
  return l("auditLabels.target", { type: name, id: id ?? "" }).trim();
}

/** An audit row's details: a change for each xBefore / xAfter pair, a value for every other key. */
export function describeAuditDetails(t: RootTranslator, action: string, details: unknown): LabelledLine[] {
  if (!details || typeof details !== "object" || Array.isArray(details)) return details == null ? [] : [valueLine(t, [], details)];
  const renamed = DETAIL_KEYS[action] ?? {};
  const entries = Object.entries(details as Record<string, unknown>).map(([key, value]) => [renamed[key] ?? key, value] as const);
  const record = new Map(entries);
  const lines: LabelledLine[] = [];
  for (const [key, value] of entries) {
    const pair = /^(.+)(Before|After)$/.exec(key);
    if (pair && record.has(`${pair[1]}Before`) && record.has(`${pair[1]}After`)) {
      if (pair[2] === "After") continue;
      lines.push(changeLine(t, [pair[1]!], value, record.get(`${pair[1]}After`)));
    } else lines.push(...flatten([key], value).map(([path, leaf]) => valueLine(t, path, leaf)));
  }
  return lines;
}

/**
 * A contract-history row's before and after: one line per recorded field (nested records flattened), a change where
 * the row has a before, a value where it records only what came to be (an issuance).
 */
export function describeHistoryChange(t: RootTranslator, before: unknown, after: unknown): LabelledLine[] {
  const was = new Map(flatten([], before).map(([path, value]) => [path.join("."), { path, value }]));
  const is = new Map(flatten([], after).map(([path, value]) => [path.join("."), { path, value }]));
  const keys = [...new Set([...was.keys(), ...is.keys()])].filter((key) => key !== "");
  if (keys.length === 0) return [];
  const onlyAfter = before === null || before === undefined;
  return keys.map((key) => {
    const path = (is.get(key) ?? was.get(key))!.path;
    return onlyAfter ? valueLine(t, path, is.get(key)?.value) : changeLine(t, path, was.get(key)?.value ?? null, is.get(key)?.value ?? null);
  });
}

// --- the parts ------------------------------------------------------------------------------------------------------

function isCode(value: string): boolean {
  return /^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/.test(value);
}

/** A message of the catalogue (`has` is true for a branch of it as well). */
function isMessage(l: LooseTranslator, key: string): boolean {
  return l.has(key) && typeof l.raw(key) === "string";
}

/** A record as [path, scalar] pairs: objects by their keys, arrays by their positions; a scalar is itself. */
function flatten(path: string[], value: unknown): [string[], unknown][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => flatten([...path, String(index + 1)], item));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => flatten([...path, ...key.split(".")], item));
  return [[path, value]];
}

/** A path's label, each part by the catalogue ("contract.companyName" → 契約窓口 法人名); data (a code, a position) as is. */
function pathLabel(t: RootTranslator, path: string[]): string {
  const l = loose(t);
  const parts: string[] = [];
  for (const [index, part] of path.entries()) {
    const key = Object.hasOwn(FIELD_LABELS, part) ? FIELD_LABELS[part]! : `auditLabels.fields.${part}`;
    if (IDENTIFIER.test(part) && isMessage(l, key)) parts.push(l(key));
    else if (/^\d+$/.test(part) && index > 0) parts[parts.length - 1] = l("auditLabels.item", { label: parts[parts.length - 1] ?? "", n: Number(part) });
    else parts.push(part);
  }
  return parts.join(" ");
}

/** A recorded value in words: its label when it is a code of a known list, a date-time in Japan time, （なし） for nothing. */
export function formatRecordedValue(t: RootTranslator, field: string, value: unknown): string {
  const l = loose(t);
  if (value === null || value === undefined || value === "") return l("auditLabels.none");
  if (typeof value === "boolean") return value ? l("auditLabels.yes") : l("auditLabels.no");
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") return JSON.stringify(value);
  if (field === "fields")
    return value
      .split(",")
      .map((path) => pathLabel(t, path.split(".")))
      .join(l("auditLabels.listSeparator"));
  if (IDENTIFIER.test(value)) {
    const list = VALUE_LISTS[field] ?? `auditLabels.values.${field}`;
    if (isMessage(l, `${list}.${value}`)) return l(`${list}.${value}`);
  }
  if (ISO_DATE_TIME.test(value)) return formatDateTime(new Date(value));
  if (ISO_DATE.test(value)) return formatDate(value);
  return value;
}

function valueLine(t: RootTranslator, path: string[], value: unknown): LabelledLine {
  const label = pathLabel(t, path);
  const text = formatRecordedValue(t, path.at(-1) ?? "", value);
  return { label, value: text, text: loose(t)("auditLabels.value", { label, value: text }) };
}

function changeLine(t: RootTranslator, path: string[], before: unknown, after: unknown): LabelledLine {
  const label = pathLabel(t, path);
  const field = path.at(-1) ?? "";
  const was = formatRecordedValue(t, field, before);
  const is = formatRecordedValue(t, field, after);
  return { label, before: was, after: is, text: loose(t)("auditLabels.change", { label, before: was, after: is }) };
}
