import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password-hash";

describe("password hashing (A-6: scrypt, per-password salt)", () => {
  it("verifies the right password only, and salts every hash", async () => {
    const [a, b] = await Promise.all([hashPassword("Demo-Passw0rd!"), hashPassword("Demo-Passw0rd!")]);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(a).not.toContain("Demo-Passw0rd!");
    expect(await verifyPassword("Demo-Passw0rd!", a)).toBe(true);
    expect(await verifyPassword("Demo-Passw0rd?", a)).toBe(false);
    expect(await verifyPassword("Demo-Passw0rd!", "not-a-hash")).toBe(false);
  });

  it("keeps verifying hashes made with other parameters", async () => {
    const previous = process.env.PASSWORD_SCRYPT_LOG_N;
    process.env.PASSWORD_SCRYPT_LOG_N = "15";
    const stronger = await hashPassword("Another-Passw0rd");
    process.env.PASSWORD_SCRYPT_LOG_N = previous;
    expect(stronger.split("$")[1]).toBe(String(2 ** 15));
    expect(await verifyPassword("Another-Passw0rd", stronger)).toBe(true);
  });
});
