import { describe, expect, it } from "vitest";
import { CAPABILITIES, can, capabilitiesOf, STAFF_ROLES, type Capability } from "@/lib/auth/permissions";
import { PERMISSION_MATRIX } from "../permission-matrix";

// The whole staff permission table, printed and pinned: a change to who may do what shows up here as a diff that a
// reviewer reads, never as a role list edited somewhere in a page.
function matrix(): string {
  const capabilities = Object.keys(CAPABILITIES) as Capability[];
  const width = Math.max(...capabilities.map((c) => c.length));
  const header = `${"capability".padEnd(width)}  ${STAFF_ROLES.map((r) => r.padEnd(8)).join(" ")}`;
  const rows = capabilities.map((c) => `${c.padEnd(width)}  ${STAFF_ROLES.map((r) => (can(r, c) ? "yes" : "-").padEnd(8)).join(" ")}`);
  return [header, ...rows].join("\n").replace(/ +$/gm, "");
}

describe("staff permission table (lib/auth/permissions.ts)", () => {
  it("is exactly this matrix", () => {
    const printed = matrix();
    console.log(`\n${printed}\n`);
    expect(printed).toBe(
      [
        "capability          marketer operator admin",
        "staff-area.enter    yes      yes      yes",
        "notices.write       yes      -        yes",
        "support-mail.send   yes      -        yes",
        "name-change.review  -        yes      yes",
        "files.publish       -        yes      yes",
        "contracts.read      -        yes      yes",
        "contracts.write     -        yes      yes",
        "contracts.import    -        yes      yes",
        "outbox.read         -        yes      yes",
        "outbox.retry        -        yes      yes",
        "sign-in-locks.read  -        yes      yes",
        "audit.read          -        -        yes",
        "staff.manage        -        -        yes",
      ].join("\n"),
    );
  });

  it("is the matrix the e2e 404 walk uses (tests/permission-matrix.ts)", () => {
    expect(CAPABILITIES).toEqual(PERMISSION_MATRIX);
  });

  it("grants nothing to no role, and lists a role's capabilities in the table's order", () => {
    for (const capability of Object.keys(CAPABILITIES) as Capability[]) {
      expect(can(null, capability)).toBe(false);
      expect(can(undefined, capability)).toBe(false);
    }
    expect(capabilitiesOf("marketer")).toEqual(["staff-area.enter", "notices.write", "support-mail.send"]);
    expect(capabilitiesOf("admin")).toEqual(Object.keys(CAPABILITIES));
  });
});
