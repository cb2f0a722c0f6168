import type { Shape } from "../shape";
import type ja from "../ja/notices";
export default {
  title: "Information",
  listTitle: "All notices",
  backToList: "Back to all notices",
  published: "Published",
  category: "Category",
} satisfies Shape<typeof ja>;
