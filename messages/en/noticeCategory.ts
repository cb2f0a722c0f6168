import type { Shape } from "../shape";
import type ja from "../ja/noticeCategory";
export default { support_news: "Support news", site: "About this site" } satisfies Shape<typeof ja>;
