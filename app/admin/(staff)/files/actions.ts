"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/auth/guards";
import { translator } from "@/lib/i18n";
import { fileMetaSchema, setFileStatus, updateFileMeta } from "@/lib/downloads/admin";
import type { FormState } from "@/lib/validation/form-state";
import { confirmedSchema } from "@/lib/validation/confirm";
import { serialIdSchema } from "@/lib/validation/ids";

const fileId = serialIdSchema;

// Withdrawing asks first (the page's confirmation sends `confirm`); publishing does not.
const statusInput = z.discriminatedUnion("to", [
  z.object({ fileId, to: z.literal("published") }),
  z.object({ fileId, to: z.literal("withdrawn"), confirm: confirmedSchema }),
]);

// G-4 publish / withdraw (operators, admins: `files.publish`); anyone else gets 404.
export const setFileStatusAction = staffAction(
  { capability: "files.publish", schema: statusInput },
  async ({ fileId, to }, { actor, locale }): Promise<FormState> => {
    const changed = await setFileStatus({ actor, fileId, to });
    revalidatePath("/admin/files");
    const f = translator(locale, "admin.files");
    if (!changed) return { status: "error", message: f("unchanged") };
    return {
      status: "success",
      message: to === "published" ? f("published") : f("withdrawn"),
    };
  },
);

const metaInput = fileMetaSchema.extend({ fileId });

// G-4 edit: product, version, title, release date, menu; a file that is not there is a message,
// not a 500; refused input changes nothing and keeps what was typed.
export const updateFileMetaAction = staffAction(
  { capability: "files.publish", schema: metaInput, echo: ["menu", "product", "version", "title", "releaseDate"] },
  async ({ fileId, ...meta }, { actor, locale }): Promise<FormState> => {
    const result = await updateFileMeta({ actor, fileId, meta });
    const f = translator(locale, "admin.files");
    if (result === "not_found") return { status: "error", message: f("editNotFound") };
    if (result === "unchanged") return { status: "error", message: f("editUnchanged"), values: meta };
    revalidatePath("/admin/files");
    revalidatePath(`/admin/files/${fileId}`);
    return { status: "success", message: f("saved"), values: meta };
  },
);
