import type { ReactNode } from "react";
import { PhraseText } from "./phrase-text";

/** A section of a page named by its h2 (aria-labelledby), the heading in the pages' usual style unless told otherwise. */
export function HeadedSection({
  id,
  heading,
  className,
  headingClassName = "mb-2 text-lg font-bold",
  children,
}: {
  id: string;
  heading: ReactNode;
  className?: string;
  headingClassName?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className={headingClassName}>
        <PhraseText>{heading}</PhraseText>
      </h2>
      {children}
    </section>
  );
}
