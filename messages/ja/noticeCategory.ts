export default { support_news: "サポートニュース", site: "本サイトに関するお知らせ" } as const;
