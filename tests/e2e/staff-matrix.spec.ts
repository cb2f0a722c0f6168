// Security: every staff page, route handler and server action answers 404 to the staff roles the permission
// table does not name for it, and to customers — table-driven over tests/permission-matrix.ts (which the unit test
// holds equal to lib/auth/permissions.ts). The first test fails when the build has a staff entry this table misses,
// so a new staff page cannot ship without its row here.
import type { APIRequestContext, Page } from "@playwright/test";
import { PERMISSION_MATRIX, type MatrixCapability, type MatrixRole } from "../permission-matrix";
import { customerLogIn, staffLogIn } from "./fixtures";
import { actions, appPaths, urlOf } from "./manifests";
import { MAIN } from "./servers";
import { expect, test } from "./test";

/** Staff pages and route handlers (App Router paths) → the capability their guard asks for. */
const STAFF_ENTRIES: Record<string, { capability: MatrixCapability; method?: "GET" | "POST" }> = {
  "/admin/(staff)/page": { capability: "staff-area.enter" },
  "/admin/(staff)/password/page": { capability: "staff-area.enter" },
  "/admin/(staff)/notices/page": { capability: "notices.write" },
  "/admin/(staff)/notices/new/page": { capability: "notices.write" },
  "/admin/(staff)/notices/[noticeId]/page": { capability: "notices.write" },
  "/admin/(staff)/support-mails/page": { capability: "support-mail.send" },
  "/admin/(staff)/support-mails/new/page": { capability: "support-mail.send" },
  "/admin/(staff)/support-mails/[mailId]/page": { capability: "support-mail.send" },
  "/admin/(staff)/name-changes/page": { capability: "name-change.review" },
  "/admin/(staff)/files/page": { capability: "files.publish" },
  "/admin/(staff)/files/[fileId]/page": { capability: "files.publish" },
  "/admin/(staff)/files/upload/route": { capability: "files.publish", method: "POST" },
  "/admin/(staff)/files/direct-upload/start/route": { capability: "files.publish", method: "POST" },
  "/admin/(staff)/files/direct-upload/parts/route": { capability: "files.publish", method: "POST" },
  "/admin/(staff)/files/direct-upload/complete/route": { capability: "files.publish", method: "POST" },
  "/admin/(staff)/files/direct-upload/abort/route": { capability: "files.publish", method: "POST" },
  "/admin/(staff)/contracts/page": { capability: "contracts.read" },
  "/admin/(staff)/contracts/[licenseId]/page": { capability: "contracts.read" },
  "/admin/(staff)/contracts/import/page": { capability: "contracts.import" },
  "/admin/(staff)/contracts/import/upload/route": { capability: "contracts.import", method: "POST" },
  "/admin/(staff)/outbox/page": { capability: "outbox.read" },
  "/admin/(staff)/audit/page": { capability: "audit.read" },
  "/admin/(staff)/audit/export/route": { capability: "audit.read" },
  "/admin/(staff)/staff/page": { capability: "staff.manage" },
};

/** Staff server actions (by exported name) → capability. */
const STAFF_ACTIONS: Record<string, MatrixCapability> = {
  createNoticeAction: "notices.write",
  updateNoticeAction: "notices.write",
  unpublishNoticeAction: "notices.write",
  deleteNoticeAction: "notices.write",
  createSupportMailAction: "support-mail.send",
  updateSupportMailAction: "support-mail.send",
  sendTestMailAction: "support-mail.send",
  startSendingAction: "support-mail.send",
  decideNameChangeAction: "name-change.review",
  setFileStatusAction: "files.publish",
  updateFileMetaAction: "files.publish",
  setContractDisplayAction: "contracts.write",
  retryMailAction: "outbox.retry",
  inviteStaffAction: "staff.manage",
  changeStaffRoleAction: "staff.manage",
  setStaffDisabledAction: "staff.manage",
  resetStaffPasswordAction: "staff.manage",
  resetStaffMfaAction: "staff.manage",
};

// The demo's own ids for the dynamic segments (SPEC X-2): the first notice, mail and file, contract 100001.
const SAMPLE = { noticeId: "1", mailId: "1", fileId: "1", licenseId: "100001" };

const isStaffEntry = (appPath: string) => appPath.startsWith("/admin/(staff)/");
const staffActions = () => actions.filter((action) => action.file.startsWith("app/admin/(staff)/"));

/** Every name the build has is a row of the table, and every row names something the build has. */
function expectTableMatches(built: string[], table: Record<string, unknown>, what: string, tableName: string) {
  const rows = Object.keys(table);
  expect(built.filter((name) => !rows.includes(name)).sort(), `${what} of the build missing from ${tableName}`).toEqual([]);
  expect(rows.filter((name) => !built.includes(name)).sort(), `${tableName} rows without a build entry`).toEqual([]);
}

test("the table names every staff page, route handler and action of the build, and nothing that is not there", () => {
  expectTableMatches(appPaths.filter(isStaffEntry), STAFF_ENTRIES, "staff entries", "STAFF_ENTRIES");
  expectTableMatches([...new Set(staffActions().map((action) => action.name))], STAFF_ACTIONS, "staff actions", "STAFF_ACTIONS");
});

/** A server action called as the browser calls it, with no fields: the guard answers before any input matters. */
async function actionStatus(api: APIRequestContext, name: string): Promise<number> {
  const action = staffActions().find((a) => a.name === name)!;
  const form = new FormData();
  form.append("0", '[{"status":"idle"},"$K1"]');
  return (
    await api.post(new URL(action.endpoint, MAIN.url).toString(), {
      maxRedirects: 0,
      headers: { "Next-Action": action.id, Accept: "text/x-component", Origin: MAIN.url },
      multipart: form,
    })
  ).status();
}

function entryResponse(api: APIRequestContext, appPath: string) {
  const url = urlOf(appPath, SAMPLE);
  const method = STAFF_ENTRIES[appPath]!.method ?? "GET";
  return method === "GET"
    ? api.get(url, { maxRedirects: 0 })
    : api.post(url, { maxRedirects: 0, headers: { Origin: MAIN.url }, multipart: { file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("x") } } });
}

async function entryStatus(api: APIRequestContext, appPath: string): Promise<number> {
  return (await entryResponse(api, appPath)).status();
}

type Visitor = MatrixRole | "customer";
const VISITORS: { who: Visitor; email: string; address: string }[] = [
  { who: "marketer", email: "marketer@example.com", address: "203.0.113.195" },
  { who: "operator", email: "operator@example.com", address: "203.0.113.196" },
  { who: "admin", email: "admin@example.com", address: "203.0.113.197" },
  { who: "customer", email: "other@example.co.jp", address: "203.0.113.198" },
];

const allowed = (who: Visitor, capability: MatrixCapability) => who !== "customer" && (PERMISSION_MATRIX[capability] as readonly MatrixRole[]).includes(who);

for (const visitor of VISITORS) {
  test(`${visitor.who}: 404 from every staff entry and action the table does not grant, and the granted pages open`, async ({ page }: { page: Page }) => {
    await page.setExtraHTTPHeaders({ "X-Forwarded-For": visitor.address });
    if (visitor.who === "customer") await customerLogIn(page, visitor.email, visitor.address);
    else await staffLogIn(page, visitor.email);
    const api = page.context().request;
    const wrong: string[] = [];
    for (const appPath of appPaths.filter(isStaffEntry)) {
      const entry = STAFF_ENTRIES[appPath];
      if (!entry) continue;
      const status = await entryStatus(api, appPath);
      const grant = allowed(visitor.who, entry.capability);
      // Granted: anything but 404 (a page 200; an upload without its fields a 400). Not granted: exactly 404.
      if (grant ? status === 404 : status !== 404) wrong.push(`${entry.method ?? "GET"} ${urlOf(appPath, SAMPLE)} (${entry.capability}) → ${status}`);
    }
    for (const [name, capability] of Object.entries(STAFF_ACTIONS)) {
      if (!staffActions().some((a) => a.name === name) || allowed(visitor.who, capability)) continue;
      const status = await actionStatus(api, name);
      if (status !== 404) wrong.push(`action ${name} (${capability}) → ${status}`);
    }
    expect(wrong, `${visitor.who}: answers that do not follow the permission table`).toEqual([]);
  });
}

test("signed out: every staff page leads to the staff login and every staff action is refused", async ({ playwright }) => {
  const api = await playwright.request.newContext({ baseURL: MAIN.url, extraHTTPHeaders: { "X-Forwarded-For": "203.0.113.199" } });
  const wrong: string[] = [];
  for (const appPath of appPaths.filter(isStaffEntry)) {
    if (!STAFF_ENTRIES[appPath]) continue;
    const response = await entryResponse(api, appPath);
    const location = response.headers().location ?? "";
    if (!(response.status() === 404 || (response.status() >= 300 && response.status() < 400 && location.includes("/admin/login"))))
      wrong.push(`${STAFF_ENTRIES[appPath]!.method ?? "GET"} ${urlOf(appPath, SAMPLE)} → ${response.status()} ${location}`);
  }
  for (const name of Object.keys(STAFF_ACTIONS)) {
    const action = staffActions().find((a) => a.name === name);
    if (!action) continue;
    const form = new FormData();
    form.append("0", '[{"status":"idle"},"$K1"]');
    const response = await api.post(new URL(action.endpoint, MAIN.url).toString(), {
      maxRedirects: 0,
      headers: { "Next-Action": action.id, Accept: "text/x-component", Origin: MAIN.url },
      multipart: form,
    });
    const redirect = response.headers()["x-action-redirect"] ?? "";
    if (!(response.status() === 404 || redirect.includes("/admin/login"))) wrong.push(`action ${name} → ${response.status()} ${redirect}`);
  }
  expect(wrong).toEqual([]);
  await api.dispose();
});
