import { z } from "zod";

// validated here, for the forms and their actions alike. The request guard (lib/auth/guards.ts) has already
// NFKC-normalised and trimmed every field but the passwords, once; issue messages are catalogue codes.
export const emailField = z
  .string({ error: "required" })
  .min(1, { error: "required" })
  .max(254, { error: "emailFormat" })
  .pipe(z.email({ error: "emailFormat" }));

export const loginSchema = z.object({
  email: emailField,
  // Passwords are not normalised beyond what the hash does: they are compared as typed.
  password: z.string({ error: "required" }).min(1, { error: "required" }).max(256, { error: "required" }),
});

export const temporaryPasswordSchema = z.object({ email: emailField });

export const passwordChangeSchema = z.object({
  currentPassword: z.string().max(256).optional(),
  newPassword: z.string({ error: "required" }).min(1, { error: "required" }).max(256),
  confirmation: z.string({ error: "required" }).min(1, { error: "required" }).max(256),
});
