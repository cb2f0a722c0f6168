"use server";

import { z } from "zod";
import type { SearchNoticeState } from "@/app/_components/search-notice";
import { customerAction } from "@/lib/auth/guards";
import { translator } from "@/lib/i18n";
import { checkSafeLockAccess, listPublishedFiles, type ListedFile, type SafeLockProblem } from "@/lib/downloads/files";
import type { RootTranslator } from "@/lib/i18n";
import { searchNoticeOf } from "@/lib/licenses/search-messages";

// D-2 「次へ」, admitted by the customer guard: ① and ② checked in lib/downloads/files.ts (B-7's search, B-8's
// messages, the A-8 throttle), then the download list — whose links carry the contract, checked again per download.
export type SafeLockState = {
  status: "idle" | "error" | "success";
  message?: string;
  notice?: SearchNoticeState;
  fieldErrors?: Partial<Record<"licenseId" | "code", string[]>>;
  licenseId?: number;
  files?: ListedFile[];
};

const text = (max: number) => z.string().max(max).catch("");
const schema = z.object({ licenseId: text(64), code: text(128) });

function problemState(problem: SafeLockProblem, t: RootTranslator): SafeLockState {
  const s = (key: "codeFormat" | "notSafeLock" | "codeMismatch") => t(`downloads.safeLock.${key}`);
  const p = (key: "required" | "nonDigit") => t(`issuance.problems.${key}`);
  switch (problem.kind) {
    case "field":
      return {
        status: "error",
        fieldErrors: {
          [problem.field]: [problem.reason === "codeFormat" ? s("codeFormat") : p(problem.reason)],
        },
      };
    case "search": {
      if (problem.message.kind === "field") return { status: "error", fieldErrors: { licenseId: [p("nonDigit")] } };
      const notice = searchNoticeOf(problem.message, t);
      return { status: "error", message: notice.message, notice };
    }
    case "notSafeLock":
      return { status: "error", fieldErrors: { licenseId: [s("notSafeLock")] } };
    case "codeMismatch":
      return { status: "error", fieldErrors: { code: [s("codeMismatch")] } };
  }
}

export const safeLockAction = customerAction(
  { schema, raw: ["code"], next: "/downloads/safe-lock" },
  async (input, { actor, locale }): Promise<SafeLockState> => {
    const t = translator(locale);
    const checked = await checkSafeLockAccess({
      actor,
      licenseId: input.licenseId,
      code: input.code,
    });
    if (!checked.ok) return problemState(checked.problem, t);
    return {
      status: "success",
      licenseId: checked.licenseId,
      files: await listPublishedFiles("safe_lock"),
    };
  },
);
