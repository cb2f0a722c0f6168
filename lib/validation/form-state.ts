// STYLE: one state type for every form. Never carries a password, token or code back to the browser.
export type FormState<F extends string = string> = {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: Partial<Record<F, string[]>>;
  /** What the form shows again after React resets it: never a password, token or code. */
  values?: Partial<Record<F, string>>;
};

export const idleState: FormState = { status: "idle" };
