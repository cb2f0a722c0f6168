import { Heading, Link, Text } from "@react-email/components";
import type { ComponentProps, CSSProperties, ReactNode } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import { link, paragraph } from "./layout";

// M-12 and E-3 from one source: a Support Information mail's title and Markdown body as the mail shows them, and as
// its back number page shows them (app/(portal)/account/mail/back-numbers/[mailId]). Raw HTML in the Markdown is
// dropped (skipHtml) and react-markdown's URL transform removes javascript: and other unsafe links; links open
// apart from the page with rel="noopener noreferrer".
// The Markdown's headings one level down (the mail's title is the h1), and its lists, in the mail's sizes.
const heading = (as: "h2" | "h3" | "h4", style: CSSProperties) =>
  function MarkdownHeading({ children }: { children?: ReactNode }) {
    return (
      <Heading as={as} style={style}>
        {children}
      </Heading>
    );
  };
const list = { fontSize: 14, lineHeight: "24px", margin: "0 0 12px", paddingLeft: 24 } as const;

const components: Components = {
  p: ({ children }) => <Text style={paragraph}>{children}</Text>,
  a: ({ href, children }) => (
    <Link href={href} style={link} target="_blank" rel="noopener noreferrer">
      {children}
    </Link>
  ),
  h1: heading("h2", { fontSize: 18, margin: "16px 0 8px" }),
  h2: heading("h3", { fontSize: 16, margin: "16px 0 8px" }),
  h3: heading("h4", { fontSize: 15, margin: "12px 0 6px" }),
  ul: ({ children }) => <ul style={list}>{children}</ul>,
  ol: ({ children }) => <ol style={list}>{children}</ol>,
  img: ({ alt }: ComponentProps<"img">) => <>{alt ?? ""}</>,
};

export function SupportInformationContent({ title, body }: { title: string; body: string }) {
  return (
    <>
      <Heading as="h1" style={{ fontSize: 20, lineHeight: "28px", margin: "0 0 16px" }}>
        {title}
      </Heading>
      <ReactMarkdown skipHtml components={components}>
        {body}
      </ReactMarkdown>
    </>
  );
}
