import fs from "node:fs";
import path from "node:path";
import { render } from "@react-email/render";
import { createElement, type ComponentType } from "react";
import { describe, expect, it } from "vitest";
import { mailPlainText } from "@/lib/mail/plain-text";

// SPEC M: the text part of every mail template (each emails/*.tsx with its preview props, as the outbox renders it):
// a table row on one line, headings as written, every URL on a line of its own.
const EMAILS = path.resolve(import.meta.dirname, "../../emails");
const templates = fs
  .readdirSync(EMAILS)
  .filter((file) => file.endsWith(".tsx"))
  .map((file) => file.replace(/\.tsx$/, ""));

type Template = ComponentType<object> & { PreviewProps?: object };

async function textOf(name: string): Promise<{ html: string; text: string } | null> {
  const template = (await import(`@/emails/${name}`)).default as Template | undefined;
  if (!template?.PreviewProps) return null;
  const html = await render(createElement(template, template.PreviewProps));
  return { html, text: mailPlainText(html) };
}

describe("SPEC M the mails' text parts", () => {
  it("covers every mail template (the parts without preview props are pieces of the others)", async () => {
    const mails = (await Promise.all(templates.map(textOf))).filter(Boolean);
    expect(mails.length).toBeGreaterThanOrEqual(9);
  });

  it.each(templates)("%s: every URL on a line of its own", async (name) => {
    const mail = await textOf(name);
    if (!mail) return;
    const urls = mail.text.match(/https?:\/\/\S+/g) ?? [];
    for (const url of urls)
      expect(
        mail.text.split("\n").map((line) => line.trim()),
        url,
      ).toContain(url);
    // …and each of them a link of the HTML part, whole.
    for (const url of urls) expect(mail.html, url).toContain(`href="${url.replaceAll("&", "&amp;")}"`);
  });

  it.each(templates)("%s: a table row on one line, its cells side by side", async (name) => {
    const mail = await textOf(name);
    if (!mail) return;
    // The tables of data (react-email lays the mail itself out in tables, around them).
    const tables = mail.html.match(/<table[^>]*data-text-format[\s\S]*?<\/table>/g) ?? [];
    const rows = tables.flatMap((table) => table.match(/<tr[\s\S]*?<\/tr>/g) ?? []);
    const lines = mail.text.split("\n");
    for (const row of rows) {
      const cells = (row.match(/<t[dh][\s\S]*?<\/t[dh]>/g) ?? [])
        .map((cell) =>
          cell
            .replace(/<[^>]+>/g, " ")
            .replace(/&[a-z]+;|&#\d+;/g, " ")
            .replace(/\s+/g, " ")
            .trim(),
        )
        .filter(Boolean);
      if (cells.length < 2) continue;
      expect(
        lines.some((line) => cells.every((cell) => line.includes(cell.split(" ")[0]!))),
        `${cells.join(" | ")}`,
      ).toBe(true);
    }
  });

  it("keeps a heading as written (the Support Information title is not upper-cased)", async () => {
    const mail = await textOf("support-information");
    expect(mail!.text).toContain("Support Information：Apex One 新機能のご紹介");
    expect(mail!.text).not.toMatch(/SUPPORT INFORMATION/);
  });

  it("puts a URL that Japanese text runs into on its own line", () => {
    const text = mailPlainText(`<p>バックナンバーは<a href="http://localhost:3000/account/mail/back-numbers">こちら</a>からご覧いただけます。</p>`);
    expect(text.split("\n")).toContain("http://localhost:3000/account/mail/back-numbers");
    expect(text).not.toMatch(/back-numbersから/);
  });
});
