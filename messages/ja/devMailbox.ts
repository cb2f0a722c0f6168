export default {
  title: "開発用メールボックス",
  empty: "メールはありません。",
  to: "宛先",
  from: "差出人",
  subject: "件名",
  date: "日時",
  status: "状態",
  filter: "宛先で絞り込む",
  show: "表示",
  html: "HTML",
  statusLabel: { pending: "送信待ち", sending: "送信中", sent: "送信済み", failed: "送信失敗" },
} as const;
