import "server-only";
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

// SPEC A-6: the password rules, enforced on the server and shown as 注意事項 on every password form. The last-3 rule
// needs the account's history and is checked where the password is changed (it returns "reused").
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;
export const PASSWORD_HISTORY_DEPTH = 3;
// zxcvbn scores 0–4; 0 and 1 are "too guessable" / "very guessable" (common passwords, a name plus digits).
const MIN_SCORE = 2;

export type PasswordRuleViolation = "length" | "characters" | "letterAndDigit" | "sameAsEmail" | "common" | "reused";

let factory: Promise<ZxcvbnFactory> | undefined;

// The dictionaries are a few MB: load them on the first password check, not at server start.
function zxcvbn(): Promise<ZxcvbnFactory> {
  factory ??= (async () => {
    const [{ ZxcvbnFactory }, common, ja] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-ja"),
    ]);
    return new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...ja.dictionary }, graphs: common.adjacencyGraphs });
  })();
  return factory;
}

/** Rules that need nothing but the password and the login e-mail; every violation is returned, in display order. */
export async function checkPasswordRules(password: string, loginEmail: string): Promise<PasswordRuleViolation[]> {
  const violations: PasswordRuleViolation[] = [];
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) violations.push("length");
  // 半角英数記号: printable ASCII without the space.
  if (!/^[\x21-\x7e]*$/.test(password)) violations.push("characters");
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) violations.push("letterAndDigit");
  if (loginEmail && password.toLowerCase() === loginEmail.trim().toLowerCase()) violations.push("sameAsEmail");
  if (violations.length === 0) {
    const localPart = loginEmail.split("@")[0] ?? "";
    const result = (await zxcvbn()).check(password, localPart ? [localPart, loginEmail] : []);
    if (result.score < MIN_SCORE) violations.push("common");
  }
  return violations;
}
