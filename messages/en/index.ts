// the English catalogue. Japanese product names and the manual's proper names stay as they are.
import type { Shape } from "../shape";
import type { Messages } from "../ja";
import * as namespaces from "./namespaces";

const en = { ...namespaces } satisfies Shape<Messages>;

export default en;
