import { describe, expect, it } from "vitest";
import { checkPasswordRules } from "@/lib/auth/password-policy";
import { translator } from "@/lib/i18n";

const email = "user@example.co.jp";

describe("A-6 password rules", () => {
  it("accepts strong passwords, the demo ones included", async () => {
    for (const password of ["Demo-Passw0rd!", "Staff-Passw0rd!", "Kx7-mQ2p-Lz", "a".repeat(30) + "7Qz!"]) {
      expect(await checkPasswordRules(password, email), password).toEqual([]);
    }
  });

  it.each([
    ["Ab1!xyz", ["length"]],
    ["Ab1!" + "x".repeat(61), ["length"]],
    ["パスワード1234abcd", ["characters"]],
    ["Ab1 word-long", ["characters"]],
    ["NoDigitsHere!", ["letterAndDigit"]],
    ["1234567890!", ["letterAndDigit"]],
    ["user@example.co.jp1", ["common"]],
    ["password1", ["common"]],
    ["Passw0rd1", ["common"]],
    ["qwerty123", ["common"]],
    ["sakura123", ["common"]],
    ["tanaka2024", ["common"]],
  ] as const)("refuses %s with %j", async (password, expected) => {
    expect(await checkPasswordRules(password, email)).toEqual(expected);
  });

  it("refuses the login e-mail itself, in any case", async () => {
    expect(await checkPasswordRules("User9@Example.co.jp", "user9@example.co.jp")).toEqual(["sameAsEmail"]);
  });

  it("has a message for every violation in both locales", () => {
    for (const key of ["length", "characters", "letterAndDigit", "sameAsEmail", "common", "reused"] as const) {
      expect(translator("ja")(`password.violations.${key}`)).toBeTruthy();
      expect(translator("en")(`password.violations.${key}`)).toBeTruthy();
    }
    expect(translator("ja")("password.confirmationMismatch")).toBe("同じ情報を入力してください");
  });
});
