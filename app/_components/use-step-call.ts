import { useTransition } from "react";

/**
 * A wizard's server step: calls the action in a transition and hands the answer to the reducer. A redirect the
 * action answers with (signed out, A-4, a completion page) reaches Next's boundary as it does from useActionState.
 */
export function useStepCall() {
  const [, startTransition] = useTransition();
  return <A>(call: () => Promise<A>, take: (answer: A) => void) =>
    startTransition(async () => {
      take(await call());
    });
}
