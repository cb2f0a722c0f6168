import "server-only";
import { toPlainText } from "@react-email/render";

// SPEC M, the text part of every mail (what a client without HTML shows, and what many read first): the HTML as text,
// with three rules of ours over html-to-text's defaults —
//   - a table row is one line, its cells side by side (「サポート窓口 電話番号　03-1234-5678　03-9876-5432」), not one
//     cell per line, and the URLs of its links under it (M-13's contract and quote links);
//   - headings keep their case (the default upper-cases them: a Support Information title must read as written);
//   - every URL stands on a line of its own: Japanese has no space after a URL, and a mail client would take
//     「…/back-numbersからご覧ください」 as the link.
// tests/unit/mail-plain-text.test.tsx renders every M-* template and checks each rule.

type DomNode = { type: string; name?: string; data?: string; attribs?: Record<string, string>; children?: DomNode[] };
type Builder = {
  openBlock(options?: { leadingLineBreaks?: number }): void;
  closeBlock(options?: { trailingLineBreaks?: number }): void;
  addInline(text: string, options?: { noWordTransform?: boolean }): void;
};
type Walk = (nodes: DomNode[] | undefined, builder: Builder) => void;

/** A node's text, a line break read as a space, white space folded. */
function textOf(nodes: DomNode[] | undefined): string {
  const raw = (nodes ?? []).map((node) => (node.type === "text" ? (node.data ?? "") : node.name === "br" ? " " : textOf(node.children))).join("");
  return raw.replace(/\s+/g, " ").trim();
}

function rowsOf(node: DomNode): DomNode[] {
  return (node.children ?? []).flatMap((child) => (child.name === "tr" ? [child] : child.type === "tag" ? rowsOf(child) : []));
}

/** The http(s) URLs of a node's links, in order. */
function linksOf(node: DomNode): string[] {
  const own = node.name === "a" && /^https?:\/\//i.test(node.attribs?.href ?? "") ? [node.attribs!.href!] : [];
  return [...own, ...(node.children ?? []).flatMap(linksOf)];
}

/** A table: a line per row, the cells' texts joined by a full-width space; the row's links' URLs under it, one a line. */
function tableRows(elem: DomNode, _walk: Walk, builder: Builder): void {
  builder.openBlock({ leadingLineBreaks: 2 });
  for (const row of rowsOf(elem)) {
    const cells = (row.children ?? []).filter((cell) => cell.name === "td" || cell.name === "th").map((cell) => textOf(cell.children));
    const line = cells.filter(Boolean).join("　");
    if (!line) continue;
    builder.openBlock({ leadingLineBreaks: 1 });
    builder.addInline(line, { noWordTransform: true });
    builder.closeBlock({ trailingLineBreaks: 1 });
    for (const href of linksOf(row).filter((url) => !line.includes(url))) {
      builder.openBlock({ leadingLineBreaks: 1 });
      builder.addInline(href, { noWordTransform: true });
      builder.closeBlock({ trailingLineBreaks: 1 });
    }
  }
  builder.closeBlock({ trailingLineBreaks: 2 });
}

/** A link: its text where it has one other than the URL, then the URL on a line of its own. */
function linkOnItsOwnLine(elem: DomNode, walk: Walk, builder: Builder): void {
  const href = elem.attribs?.href ?? "";
  if (!/^https?:\/\//i.test(href)) {
    walk(elem.children, builder);
    return;
  }
  if (textOf(elem.children) !== href) walk(elem.children, builder);
  builder.openBlock({ leadingLineBreaks: 1 });
  builder.addInline(href, { noWordTransform: true });
  builder.closeBlock({ trailingLineBreaks: 1 });
}

export function mailPlainText(html: string): string {
  return toPlainText(html, {
    selectors: [
      ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, options: { uppercase: false } })),
      { selector: "a", format: "linkOnItsOwnLine" },
      // The tables of data (emails/table.tsx): react-email lays the whole mail out in tables too, which stay blocks.
      { selector: "table[data-text-format]", format: "tableRows" },
    ],
    formatters: { linkOnItsOwnLine, tableRows } as never,
  });
}
