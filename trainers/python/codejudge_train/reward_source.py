"""Builds the reward source a job's config names: the harness reward server (reward.url) or a
local stand-in function (reward.function)."""
from __future__ import annotations

from .local_rewards import lookup
from .rewards import FunctionRewards, RewardClient


def make_reward_source(cfg: dict):
    url = cfg.get("url")
    if url:
        return RewardClient(url, schema=cfg.get("schema", "binary"), timeout_s=float(cfg.get("timeout_s", 120)),
                            batch_size=int(cfg.get("batch_size", 512)), tests=cfg.get("tests"))
    if cfg.get("function"):
        return FunctionRewards(lookup(cfg["function"]))
    raise ValueError("reward: give url (the harness reward server) or function (a local stand-in)")


def reward_items(records: list[dict], texts: list[str], truncated: list[bool], groups: list[int]) -> list[dict]:
    """One reward-server item per completion; the record names its problem by id or inline."""
    items = []
    for rec, text, trunc, group in zip(records, texts, truncated, groups):
        item = {"completion": text, "truncated": bool(trunc), "group": group}
        if "problem_id" in rec:
            item["problem_id"] = rec["problem_id"]
        elif "problem" in rec:
            item["problem"] = rec["problem"]
        if rec.get("language"):
            item["language"] = rec["language"]
        item["answer"] = rec.get("answer")  # read by local functions; dropped before HTTP
        items.append(item)
    return items
