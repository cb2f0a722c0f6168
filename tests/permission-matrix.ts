// The staff permission table as data the tests share (no server-only import, so the e2e specs can read it):
// tests/unit/permissions.test.ts checks that lib/auth/permissions.ts grants exactly this, and the e2e 404 matrix
// (tests/e2e/staff-matrix.spec.ts) walks every staff page and action over it.
export type MatrixRole = "marketer" | "operator" | "admin";

export const PERMISSION_MATRIX = {
  "staff-area.enter": ["marketer", "operator", "admin"],
  "notices.write": ["marketer", "admin"],
  "support-mail.send": ["marketer", "admin"],
  "name-change.review": ["operator", "admin"],
  "files.publish": ["operator", "admin"],
  "contracts.read": ["operator", "admin"],
  "contracts.write": ["operator", "admin"],
  "contracts.import": ["operator", "admin"],
  "outbox.read": ["operator", "admin"],
  "outbox.retry": ["operator", "admin"],
  "sign-in-locks.read": ["operator", "admin"],
  "audit.read": ["admin"],
  "staff.manage": ["admin"],
} as const satisfies Record<string, readonly MatrixRole[]>;

export type MatrixCapability = keyof typeof PERMISSION_MATRIX;
