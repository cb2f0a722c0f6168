/**
 * The shape a locale's catalogue must have: the Japanese catalogue's keys, every message a string. Each English file
 * is written `satisfies Shape<typeof ja>`, so a key missing from either side, or one only English has, fails the
 * compiler (tests/unit/messages.test.ts checks the ICU arguments of each pair as well).
 */
export type Shape<T> = T extends string ? string : T extends readonly (infer U)[] ? readonly Shape<U>[] : { readonly [K in keyof T]: Shape<T[K]> };
