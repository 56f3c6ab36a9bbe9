"""Choose the corpus articles that become real fixtures, and their held-out split, before any tuning.

Deterministic (seeded): articles are put in one topic bucket each by keywords of the headline and first
lines, then drawn at random per bucket with a spread of lengths; a quarter of the draws are により/によると-heavy.
Then 16 of the chosen are drawn at random as the held-out ``test`` split.

    python bench/select_real_fixtures.py ../shared/corpus/wikinews/articles.jsonl.gz
"""
from __future__ import annotations

import gzip
import json
import random
import sys

BUCKETS = [
    ("courts_police", ("逮捕", "判決", "地裁", "高裁", "最高裁", "容疑", "起訴", "公判", "被告")),
    ("disaster_accident", ("地震", "事故", "火災", "台風", "津波", "墜落", "死亡", "噴火", "豪雨")),
    ("sports", ("優勝", "選手", "試合", "リーグ", "五輪", "オリンピック", "W杯", "ワールドカップ", "監督")),
    ("science", ("研究", "発見", "宇宙", "NASA", "探査", "衛星", "ウイルス", "学会", "論文")),
    ("business", ("株式会社", "社長", "決算", "億円", "買収", "発売", "企業", "市場")),
    ("foreign", ("大統領", "北朝鮮", "中国", "米国", "アメリカ", "ロシア", "韓国", "国連", "外相")),
    ("politics", ("首相", "選挙", "議員", "内閣", "政府", "国会", "知事", "大臣", "政党")),
]
PER_BUCKET = 7          # 7 x 7 = 49 candidates, of which at least 44 are annotated
TEST_N = 16


def bucket(article: dict) -> str | None:
    head = article["headline"] + article["text"][:200]
    for name, words in BUCKETS:
        if any(w in head for w in words):
            return name
    return None


def main(path: str) -> None:
    rng = random.Random(20261204)
    arts = [json.loads(line) for line in gzip.open(path, "rt", encoding="utf-8")]
    arts = [a for a in arts if a["date_hint"] and 250 <= len(a["text"]) <= 6000]
    chosen: list[tuple[str, dict]] = []
    for name, _ in BUCKETS:
        pool = [a for a in arts if bucket(a) == name]
        hearsay = [a for a in pool if a["text"].count("によると") + a["text"].count("によれば") >= 2]
        short = [a for a in pool if len(a["text"]) < 700]
        mid = [a for a in pool if 700 <= len(a["text"]) < 1500]
        long = [a for a in pool if len(a["text"]) >= 1500]
        picks = rng.sample(hearsay, 2) + rng.sample(short, 2) + rng.sample(mid, 2) + rng.sample(long, 1)
        seen = set()
        for a in picks:
            if a["id"] not in seen:
                seen.add(a["id"])
                chosen.append((name, a))
    test = set(a["id"] for _, a in rng.sample(chosen, TEST_N))
    for name, a in chosen:
        print(json.dumps({"id": a["id"], "bucket": name, "chars": len(a["text"]),
                          "split": "test" if a["id"] in test else "dev",
                          "headline": a["headline"]}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
