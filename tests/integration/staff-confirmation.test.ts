import { count, eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, contactChangeRequests, downloadFiles, licenseContracts, staffAccounts } from "@/db/schema";
import type { SessionState } from "@/lib/auth/sessions";
import { addToIsoDate, tokyoDate } from "@/lib/dates";
import { now } from "@/lib/clock";
import { createContract, createCustomer, createDownloadFile, createStaff, type CreatedStaff } from "../support/factories";

// Issue 29 item 1: every staff-side destructive action (withdraw, reject, hide, disable, the password and MFA resets,
// delete) acts only when the request carries the confirmation step's own field (lib/validation/confirm.ts) — the
// field only the page's confirmation sends. Each is called through its guard, as the browser calls it, with the exact
// fields the page writes: without the field it is refused and nothing changes (no row, no audit row); with it, it acts.
// Next's request APIs and the session are stood in for, as in notices-admin.test.ts.

const session = vi.hoisted(() => ({ state: { state: "none" } as SessionState }));
vi.mock("@/lib/auth/current", () => ({ getSessionState: async () => session.state, isSameOrigin: () => true, safeCallbackPath: (value: string) => value }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("not found");
  },
  redirect: (url: string) => {
    throw new Error(`redirect ${url}`);
  },
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-ecs-socket-address": "10.16.0.1" }), cookies: async () => ({ get: () => undefined }) }));
vi.mock("@/lib/mail/schedule", () => ({ scheduleOutboxDelivery: () => undefined }));

const { setStaffDisabledAction, resetStaffMfaAction, resetStaffPasswordAction } = await import("@/app/admin/(staff)/staff/actions");
const { decideNameChangeAction } = await import("@/app/admin/(staff)/name-changes/actions");
const { setFileStatusAction } = await import("@/app/admin/(staff)/files/actions");
const { setContractDisplayAction } = await import("@/app/admin/(staff)/contracts/[licenseId]/actions");

let admin: CreatedStaff;

beforeAll(async () => {
  admin = await createStaff({ role: "admin" });
});

beforeEach(() => {
  session.state = {
    state: "active",
    id: "test-session",
    principal: { type: "staff", accountId: admin.id },
    email: admin.email,
    role: "admin",
    mustChangePassword: false,
    passwordExpiresAt: null,
    lastSeenAt: new Date(),
  };
});

const idle = { status: "idle" as const };

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, String(value));
  return data;
}

async function auditRows(): Promise<number> {
  const db = await getDb();
  return (await db.select({ n: count() }).from(auditLog))[0]!.n;
}

type Case = {
  name: string;
  /** Makes the record and answers the page's own fields for it, and how to read what the action would change. */
  prepare: () => Promise<{ fields: Record<string, string | number>; read: () => Promise<unknown> }>;
  call: (state: typeof idle, data: FormData) => Promise<{ status: string }>;
};

const CASES: Case[] = [
  {
    name: "無効にする (G-1)",
    prepare: async () => {
      const member = await createStaff({ role: "marketer" });
      const db = await getDb();
      const read = async () => (await db.select({ disabledAt: staffAccounts.disabledAt }).from(staffAccounts).where(eq(staffAccounts.id, member.id)))[0];
      return { fields: { id: member.id, disabled: "true" }, read };
    },
    call: (state, data) => setStaffDisabledAction(state, data),
  },
  {
    name: "パスワード再設定メールを送る (G-1)",
    prepare: async () => {
      const member = await createStaff({ role: "operator" });
      // Nothing of the account itself changes until the link is used: the audit rows are what a reset writes.
      return { fields: { id: member.id }, read: async () => null };
    },
    call: (state, data) => resetStaffPasswordAction(state, data),
  },
  {
    name: "二要素認証をリセット (G-1)",
    prepare: async () => {
      const member = await createStaff({ role: "operator" });
      const db = await getDb();
      const read = async () =>
        (await db.select({ enabledAt: staffAccounts.totpEnabledAt }).from(staffAccounts).where(eq(staffAccounts.id, member.id)))[0]?.enabledAt ?? null;
      return { fields: { id: member.id }, read };
    },
    call: (state, data) => resetStaffMfaAction(state, data),
  },
  {
    name: "却下 (G-3)",
    prepare: async () => {
      const contract = await createContract();
      const customer = await createCustomer({ email: contract.contractEmail });
      const db = await getDb();
      const [request] = await db
        .insert(contactChangeRequests)
        .values({
          licenseId: contract.licenseId,
          customerAccountId: customer.id,
          role: "contract",
          requestedCompanyName: "却下されるか株式会社",
          reason: "other",
          before: { companyName: "元の株式会社", branchName: null },
          dueDate: addToIsoDate(tokyoDate(now()), { days: 7 }),
        })
        .returning({ id: contactChangeRequests.id });
      const read = async () =>
        (await db.select({ status: contactChangeRequests.status }).from(contactChangeRequests).where(eq(contactChangeRequests.id, request!.id)))[0];
      return { fields: { requestId: request!.id, decision: "reject", note: "登記を確認できませんでした。" }, read };
    },
    call: (state, data) => decideNameChangeAction(state, data),
  },
  {
    name: "公開停止 (G-4)",
    prepare: async () => {
      const file = await createDownloadFile({ status: "published" });
      const db = await getDb();
      const read = async () => (await db.select({ status: downloadFiles.status }).from(downloadFiles).where(eq(downloadFiles.id, file.id)))[0];
      return { fields: { fileId: file.id, to: "withdrawn" }, read };
    },
    call: (state, data) => setFileStatusAction(state, data),
  },
  {
    name: "非表示にする (G-6)",
    prepare: async () => {
      const contract = await createContract({ hidden: false });
      const db = await getDb();
      const read = async () =>
        (await db.select({ hidden: licenseContracts.hiddenByCustomer }).from(licenseContracts).where(eq(licenseContracts.licenseId, contract.licenseId)))[0];
      const version = (
        await db.select({ version: licenseContracts.version }).from(licenseContracts).where(eq(licenseContracts.licenseId, contract.licenseId))
      )[0]!.version;
      return { fields: { licenseId: contract.licenseId, hidden: "true", version }, read };
    },
    call: (state, data) => setContractDisplayAction(state, data),
  },
];

describe("a staff-side destructive action acts only with its confirmation step", () => {
  for (const { name, prepare, call } of CASES) {
    it(`${name}: refused without the confirmation's field (nothing changes), done with it`, async () => {
      const { fields, read } = await prepare();
      const before = await read();
      const audits = await auditRows();
      for (const confirm of [undefined, "", "no", "on", "YES"]) {
        const refused = await call(idle, form(confirm === undefined ? fields : { ...fields, confirm }));
        expect(refused.status, `confirm=${String(confirm)}`).toBe("error");
      }
      expect(await read()).toEqual(before);
      expect(await auditRows()).toBe(audits);

      expect((await call(idle, form({ ...fields, confirm: "yes" }))).status).toBe("success");
      expect(await auditRows()).toBeGreaterThan(audits);
      if (name !== "パスワード再設定メールを送る (G-1)") expect(await read()).not.toEqual(before);
    });
  }
});
