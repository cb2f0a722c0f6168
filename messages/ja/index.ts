// every user-facing string of the site, Japanese (the default locale), one file per namespace (namespaces.ts). Labels
// are the manual's, copied exactly. Messages are ICU MessageFormat (next-intl): {name} is an argument, '{' a literal brace.
import * as namespaces from "./namespaces";

// A plain object rather than the module namespace: next-intl hands the catalogue on to client components.
const ja = { ...namespaces };

export default ja;
export type Messages = typeof ja;
