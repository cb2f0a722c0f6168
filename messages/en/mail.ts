import type { Shape } from "../shape";
import type ja from "../ja/mail";

export default {} satisfies Shape<typeof ja>;
