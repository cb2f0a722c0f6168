// B-5's vocabulary, without zod: the client form imports it (zod's schemas stay on the server, and zod's JIT probe
// — new Function — would be a CSP violation in the browser).

export const PREFECTURES = [
  "北海道",
  "青森県",
  "岩手県",
  "宮城県",
  "秋田県",
  "山形県",
  "福島県",
  "茨城県",
  "栃木県",
  "群馬県",
  "埼玉県",
  "千葉県",
  "東京都",
  "神奈川県",
  "新潟県",
  "富山県",
  "石川県",
  "福井県",
  "山梨県",
  "長野県",
  "岐阜県",
  "静岡県",
  "愛知県",
  "三重県",
  "滋賀県",
  "京都府",
  "大阪府",
  "兵庫県",
  "奈良県",
  "和歌山県",
  "鳥取県",
  "島根県",
  "岡山県",
  "広島県",
  "山口県",
  "徳島県",
  "香川県",
  "愛媛県",
  "高知県",
  "福岡県",
  "佐賀県",
  "長崎県",
  "熊本県",
  "大分県",
  "宮崎県",
  "鹿児島県",
  "沖縄県",
] as const;
export type Prefecture = (typeof PREFECTURES)[number];

/** 社名変更理由 (B-5 ③-5 / ③-6): the reasons the review queue sorts by. Labels are in the catalogue. */
export const NAME_CHANGE_REASONS = ["trade_name", "merger", "organisation", "correction", "other"] as const;
export type NameChangeReason = (typeof NAME_CHANGE_REASONS)[number];

export const CONTACT_ROLES = ["contract", "support"] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

/** The fields of one contact the form edits (法人名 / 支社名 of the 契約窓口 only through the name change). */
export const CONTACT_FIELDS = ["companyName", "branchName", "department", "personName", "postalCode", "prefecture", "address", "phone", "email"] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];
