import type { Shape } from "../shape";
import type ja from "../ja/fields";
export default {
  postalCode: "Enter the postal code as 7 digits (e.g. 100-0005).",
  phone: "Enter the phone number with digits and hyphens (e.g. 03-1234-5678).",
  prefecture: "Choose a prefecture.",
  tooLong: "This is longer than allowed.",
  consent: "Please read and tick the box.",
  choose: "Please choose.",
} satisfies Shape<typeof ja>;
