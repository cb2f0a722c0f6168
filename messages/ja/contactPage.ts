export default {
  title: "お問い合わせ",
  lead: "本サイトに関するお問い合わせ、ご契約に関するお問い合わせは下記までご連絡ください。",
  web: "Webフォームでのお問い合わせ",
  webLink: "お問い合わせフォーム",
  phone: "お電話でのお問い合わせ",
  hours: "受付時間",
  faq: "よくあるお問い合わせ（FAQ）",
} as const;
