import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// Issue 8, item 5: the boundaries fail the lint. Virtual files linted with the project's own eslint.config.mjs, so
// that no fixture lands in app/ or lib/; each violation next to the clean form of the same code.
const ROOT = path.resolve(import.meta.dirname, "../..");
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

async function expectViolation(filePath: string, code: string, rule: string, text: string) {
  const messages = await lint(filePath, code);
  expect(messages).toContainEqual({ rule, message: expect.stringContaining(text) });
}

async function expectViolations(rule: string, cases: [filePath: string, code: string, text: string][]) {
  for (const [filePath, code, text] of cases) await expectViolation(filePath, code, rule, text);
}

async function expectClean(filePath: string, code: string) {
  expect(await lint(filePath, code)).toEqual([]);
}

const page = (imports: string) => `${imports}

export default async function Page() {
  const rows = await listRows();
  return <p>{rows.length}</p>;
}
`;

describe("app/ never imports db/", () => {
  it("fails on @/db, @/db/… and a relative path into db/", async () => {
    await expectViolations("boundaries/import-direction", [
      [
        "app/x/page.tsx",
        page('import { getDb } from "@/db/client";\nconst listRows = async () => (await getDb()).select().from({} as never);'),
        "(db/client) may not be imported from app/x/page",
      ],
      ["app/x/page.tsx", page('import * as s from "@/db";\nconst listRows = async () => [s];'), "(db) may not be imported"],
      [
        "app/x/y/page.tsx",
        page('import type { Contract } from "../../../db/schema";\nconst listRows = async (): Promise<Contract[]> => [];'),
        "(db/schema) may not be imported",
      ],
    ]);
  });

  it("passes when the page reads through lib/", async () => {
    await expectClean("app/x/page.tsx", page('import { listPublishedNotices as listRows } from "@/lib/notices/queries";'));
  });
});

describe('a "use client" component imports no server module', () => {
  const form = (imports: string, use: string) => `"use client";

${imports}

export function Form() {
  return <p>{String(${use})}</p>;
}
`;

  it("fails on a server lib module, @/db, server-only, next/headers and node:*", async () => {
    await expectViolations("boundaries/client-imports", [
      ["app/x/form.tsx", form('import { getCurrentCustomer } from "@/lib/auth/current";', "getCurrentCustomer"), '"@/lib/auth/current" is server-only'],
      ["app/x/form.tsx", form('import { now } from "../../lib/clock";', "now"), '"../../lib/clock" is server-only'],
      ["emails/x.tsx", form('import { rowsOf } from "@/db/sql";', "rowsOf"), '"@/db/sql" is server-only'],
      ["app/x/form.tsx", form('import { cookies } from "next/headers";', "cookies"), '"next/headers" runs on the server only'],
      ["app/x/form.tsx", form('import { randomUUID } from "node:crypto";', "randomUUID"), '"node:crypto" runs on the server only'],
      ["app/x/form.tsx", form('import "server-only";', "1"), '"server-only" runs on the server only'],
    ]);
  });

  it("passes on the client-safe lib modules, a server action and type-only imports", async () => {
    await expectClean(
      "app/x/form.tsx",
      form(
        [
          'import type { ActiveSession } from "@/lib/auth/sessions";',
          'import { pageWindow } from "@/lib/paging";',
          'import { formatDate } from "@/lib/dates";',
          'import { loginSchema } from "@/lib/validation/auth";',
          'import { searchAction } from "./actions";',
          "const session: ActiveSession | null = null;",
        ].join("\n"),
        "[pageWindow(1, 2), formatDate(new Date()), loginSchema, searchAction, session]",
      ),
    );
  });

  it("checks the modules on the client-safe allow-list like client components", async () => {
    await expectViolation(
      "lib/validation/x.ts",
      'import { now } from "@/lib/clock";\n\nexport const today = () => now();\n',
      "boundaries/client-imports",
      "on the client-safe allow-list",
    );
  });
});

describe('lib/ and db/ modules start with import "server-only"', () => {
  it("fails without it, or with it after another import", async () => {
    await expectViolations("boundaries/require-server-only", [
      ["lib/x/thing.ts", "export const answer = 42;\n", 'start it with `import "server-only";`'],
      ["db/x.ts", "export const answer = 42;\n", "db/x is server code"],
      ["lib/x/thing.ts", 'import { now } from "@/lib/clock";\nimport "server-only";\n\nexport const at = () => now();\n', "must be the first statement"],
    ]);
  });

  it("passes with it first, and on the client-safe allow-list and db/schema without it", async () => {
    await expectClean("lib/x/thing.ts", 'import "server-only";\n\nexport const answer = 42;\n');
    await expectClean("lib/validation/x.ts", "export const answer = 42;\n");
    await expectClean("db/schema/x.ts", "export const answer = 42;\n");
  });
});

describe("lib/ and db/ import one way", () => {
  const serverModule = (imports: string, use: string) => `import "server-only";\n${imports}\n\nexport const used = () => ${use};\n`;
  const importing = (name: string, from: string) => serverModule(`import { ${name} } from "${from}";`, name);
  const failsWhen = (what: string, cases: Parameters<typeof expectViolations>[1]) =>
    it(`fails when ${what}`, () => expectViolations("boundaries/import-direction", cases));

  failsWhen("lib/licenses imports lib/auth (beyond the actor's type)", [
    ["lib/licenses/x.ts", importing("resolveSession", "@/lib/auth/sessions"), "(lib/auth/sessions) may not be imported from lib/licenses/x"],
    ["lib/licenses/x.ts", importing("actorOf", "../auth/actor"), "(lib/auth/actor) may not be imported"],
  ]);

  it("passes on the actor's type in lib/licenses and on the visibility rule in lib/auth", async () => {
    await expectClean("lib/licenses/x.ts", serverModule('import type { CustomerActor } from "@/lib/auth/actor";', "(a: CustomerActor) => a"));
    await expectClean("lib/auth/x.ts", importing("visibleTo", "@/lib/licenses/visibility"));
  });

  it("passes on the permission table (authorizeStaff) in lib/licenses and in a shared module, whose staff functions check it", async () => {
    await expectClean("lib/licenses/x.ts", importing("authorizeStaff", "@/lib/auth/permissions"));
    await expectClean("lib/audit/x.ts", importing("authorizeStaff", "@/lib/auth/permissions"));
    await expectViolation(
      "lib/audit/x.ts",
      importing("getSessionState", "@/lib/auth/current"),
      "boundaries/import-direction",
      "shared lib modules sit below the domains",
    );
  });

  failsWhen("lib/auth imports lib/licenses beyond visibility, or a shared module imports a domain", [
    ["lib/auth/x.ts", importing("getVisibleContract", "@/lib/licenses/queries"), "(lib/licenses/queries) may not be imported from lib/auth/x"],
    ["lib/security/x.ts", importing("createSession", "@/lib/auth/sessions"), "shared lib modules sit below the domains"],
  ]);

  failsWhen("db/ imports lib/", [
    ["db/x.ts", importing("now", "@/lib/clock"), "(lib/clock) may not be imported from db/x"],
    ["db/seed/x.ts", importing("now", "../../lib/clock"), "(lib/clock) may not be imported from db/seed/x"],
  ]);

  it("passes when db/ imports db/ only", async () => {
    await expectClean("db/x.ts", importing("rowsOf", "./sql"));
  });
});
