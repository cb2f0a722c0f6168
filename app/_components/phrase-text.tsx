import { Fragment, type ReactNode } from "react";
import { phraseChunks } from "@/lib/text/phrases";

/**
 * A heading's text with a <wbr> where it may wrap (lib/text/phrases.ts): with the headings' `word-break`
 * (globals.css: auto-phrase, else keep-all) a Japanese heading wraps between phrases and between the words of a long
 * katakana compound, never inside a word. Anything but a plain string is drawn as it is.
 */
export function PhraseText({ children }: { children: ReactNode }) {
  if (typeof children !== "string") return <>{children}</>;
  return (
    <>
      {phraseChunks(children).map((chunk, index) => (
        <Fragment key={index}>
          {index > 0 ? <wbr /> : null}
          {chunk}
        </Fragment>
      ))}
    </>
  );
}
