import { answerStep, type StepAnswer, type StepResult } from "@/lib/validation/wizard";

// The C forms' wizards (C-1, C-2, C-4 and C-3) on the client: one reducer over the step the server answered, the
// inputs the customer typed (the server never sends a code back, so they live here), and whether a step is on its
// way. Pure: the forms and tests/unit drive it.

export type IssuanceWizard<T extends { step: string } & StepAnswer<F>, V extends string, F extends string = string> = {
  view: T;
  values: Record<V, string>;
  sending: boolean;
  /** The confirmation address refused a paste (C-1: 確認用欄には貼り付けできません). */
  pasteRefused: boolean;
};

export type IssuanceWizardEvent<T extends { step: string } & StepAnswer<F>, V extends string, F extends string = string> =
  | { type: "edit"; name: V; value: string }
  | { type: "send" }
  | { type: "answer"; answer: StepResult<T, F> }
  /** 「修正する」: a step back without asking the server. */
  | { type: "back" }
  | { type: "refusePaste" };

/** A wizard's reducer; `previous` is the step 「修正する」 goes back to, keeping what that step shows. */
export function issuanceWizardReducer<T extends { step: string } & StepAnswer<F>, V extends string, F extends string = string>(previous: (view: T) => T) {
  return (state: IssuanceWizard<T, V, F>, event: IssuanceWizardEvent<T, V, F>): IssuanceWizard<T, V, F> => {
    switch (event.type) {
      case "edit":
        return { ...state, values: { ...state.values, [event.name]: event.value } };
      case "send":
        return { ...state, sending: true };
      case "answer":
        return { ...state, sending: false, view: answerStep<T, F>(state.view, event.answer) };
      case "back":
        return state.sending ? state : { ...state, view: previous(state.view) };
      case "refusePaste":
        return { ...state, pasteRefused: true };
    }
  };
}

export function startWizard<T extends { step: string } & StepAnswer<F>, V extends string, F extends string = string>(
  view: T,
  values: Record<V, string>,
): IssuanceWizard<T, V, F> {
  return { view, values, sending: false, pasteRefused: false };
}
