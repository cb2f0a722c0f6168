// The one state type of the portal's wizards (B-5 contact change, C-1/C-2/C-4 issuance, C-3 Apex Central). Without zod:
// the client forms import it (zod's JIT probe — new Function — would be a CSP violation in the browser).

/** The server's answer on a step: FormState's fields, never a password, token or code the customer typed. */
export type StepAnswer<F extends string = string> = {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: Partial<Record<F, string[]>>;
};

/**
 * Where a wizard stands: `S` is the union of its steps, discriminated by `step`, each with the data it shows (the
 * offers on 「追加取得可能な製品」, the changes on 「変更内容の確認」), together with the server's answer on it.
 */
export type StepState<S extends { step: string }, F extends string = string> = S & StepAnswer<F>;

/** Input the step's schema refused: no step to go to, the customer stays where they are and sees the field errors. */
export type RefusedInput<F extends string = string> = { step?: undefined; status: "error"; message?: string; fieldErrors: Partial<Record<F, string[]>> };

/** What a wizard's server action answers: the next step (`T`, a StepState), or refused input on the current one. */
export type StepResult<T extends { step: string }, F extends string = string> = T | RefusedInput<F>;

/** The state after an answer: the answer's step, or the current step with the refusal's messages. */
export function answerStep<T extends { step: string } & StepAnswer<F>, F extends string>(current: T, answer: StepResult<T, F>): T {
  if (answer.step !== undefined) return answer as T;
  return { ...current, status: "error", message: answer.message, fieldErrors: answer.fieldErrors };
}
