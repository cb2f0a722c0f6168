import type { ReactNode } from "react";
import { PhraseText } from "./phrase-text";

/** The house h1 of a customer page: a brand bar on the left (the manual's screens), wrapping between phrases. */
export function PageTitle({ children, className = "mb-4" }: { children: ReactNode; className?: string }) {
  return (
    <h1 className={`${className} border-l-4 border-brand pl-3 text-2xl font-bold`}>
      <PhraseText>{children}</PhraseText>
    </h1>
  );
}
