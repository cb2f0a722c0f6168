export default {
  title: "インフォメーション",
  listTitle: "お知らせ一覧",
  backToList: "お知らせ一覧へ戻る",
  published: "掲載日",
  category: "カテゴリー",
} as const;
