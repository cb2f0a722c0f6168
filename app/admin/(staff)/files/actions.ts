"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/auth/guards";
import { setFileStatus } from "@/lib/downloads/admin";
import type { FormState } from "@/lib/validation/form-state";

const statusInput = z.object({
  fileId: z
    .string()
    .regex(/^[1-9]\d{0,9}$/)
    .transform(Number),
  to: z.enum(["published", "withdrawn"]),
});

// G-4 publish / withdraw (operators, admins: `files.publish`); anyone else gets 404.
export const setFileStatusAction = staffAction({ capability: "files.publish", schema: statusInput }, async ({ fileId, to }, { actor, t }): Promise<FormState> => {
  const changed = await setFileStatus({ actor, fileId, to });
  revalidatePath("/admin/files");
  const f = t.admin.files;
  if (!changed) return { status: "error", message: f.unchanged };
  return {
    status: "success",
    message: to === "published" ? f.published : f.withdrawn,
  };
});
