import { Heading, Link, Text } from "@react-email/components";
import type { ComponentProps } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import { paragraph } from "./layout";

// M-12 and E-3 from one source: a Support Information mail's title and Markdown body as the mail shows them, and as
// its back number page shows them (app/(portal)/account/mail/back-numbers/[mailId]). Raw HTML in the Markdown is
// dropped (skipHtml) and react-markdown's URL transform removes javascript: and other unsafe links; links open
// apart from the page with rel="noopener noreferrer".
const link = { color: "#0b5cad", textDecoration: "underline", wordBreak: "break-all" } as const;

const components: Components = {
  p: ({ children }) => <Text style={paragraph}>{children}</Text>,
  a: ({ href, children }) => (
    <Link href={href} style={link} target="_blank" rel="noopener noreferrer">
      {children}
    </Link>
  ),
  h1: ({ children }) => (
    <Heading as="h2" style={{ fontSize: 18, margin: "16px 0 8px" }}>
      {children}
    </Heading>
  ),
  h2: ({ children }) => (
    <Heading as="h3" style={{ fontSize: 16, margin: "16px 0 8px" }}>
      {children}
    </Heading>
  ),
  h3: ({ children }) => (
    <Heading as="h4" style={{ fontSize: 15, margin: "12px 0 6px" }}>
      {children}
    </Heading>
  ),
  ul: ({ children }) => <ul style={{ fontSize: 14, lineHeight: "24px", margin: "0 0 12px", paddingLeft: 24 }}>{children}</ul>,
  ol: ({ children }) => <ol style={{ fontSize: 14, lineHeight: "24px", margin: "0 0 12px", paddingLeft: 24 }}>{children}</ol>,
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
