import "server-only";

/** Login e-mail addresses are compared NFKC-normalised, trimmed and lower-cased (stored so in contract_contacts). */
export function normaliseEmail(email: string): string {
  return email.normalize("NFKC").trim().toLowerCase();
}
