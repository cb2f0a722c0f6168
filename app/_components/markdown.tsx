import ReactMarkdown from "react-markdown";

// F-1: notice bodies are Markdown written by staff, rendered safely: raw HTML is dropped (skipHtml) and
// react-markdown's default URL transform removes javascript: and other unsafe links.
export function Markdown({ children }: { children: string }) {
  return (
    <div className="prose-notice">
      <ReactMarkdown skipHtml>{children}</ReactMarkdown>
    </div>
  );
}
