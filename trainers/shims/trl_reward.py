"""TRL reward function backed by the reward server. Standard library only.

Use with GRPOTrainer (TRL awaits async reward functions on its own event loop):

    import sys; sys.path.insert(0, "trainers/shims")
    from trl_reward import make_reward_func
    reward = make_reward_func(schema="binary+overlong-mask", deadline=60, max_completion_length=args.max_completion_length)
    trainer = GRPOTrainer(..., args=args, reward_funcs=[reward])

TRL calls `reward(prompts=..., completions=..., completion_ids=..., trainer_state=..., log_extra=...,
log_metric=..., **dataset_columns)` with one value per completion in every list. The dataset needs a
`problem_id` column (or `problem`: an inline problem dict / JSON string); optional `language` (any
alias: "Python", "py", "c++"), `truncated` and `group` columns are passed on.

Truncation per completion: a `truncated` column wins; otherwise, given `eos_token_ids`, a completion
whose last id is not one of them was cut (TRL's own test), else, given `max_completion_length`, one
`max_completion_length` ids long was cut. `overlong-mask` needs one of these.

A None reward means "no signal" (TRL turns it into NaN and leaves the sample out of the loss): an
outage, an infrastructure failure, the deadline, or an overlong-masked sample. How many of each
happened goes to TRL's own metrics through `log_metric` (`<name>/timeout`, `/infra_error`,
`/unreachable`, `/masked`), logged at every call so every rank logs the same keys, and each
completion's status to the completions table through `log_extra`.
Settings: arguments, else REWARD_SERVER_URL, REWARD_SCHEMA, REWARD_DEADLINE_S, REWARD_TIMEOUT_S.
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from typing import Any, Dict, List, Optional, Sequence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reward_client  # noqa: E402

logger = logging.getLogger("trl_reward")


def completion_text(completion: Any) -> str:
    """Plain text of a completion: a string, or the assistant turns of a conversational completion."""
    if isinstance(completion, str):
        return completion
    if isinstance(completion, list):
        return "".join(_content_text(m.get("content", "")) for m in completion if isinstance(m, dict) and m.get("role", "assistant") == "assistant")
    return str(completion)


def _content_text(content: Any) -> str:
    # Multimodal messages hold a list of content blocks: [{"type": "text", "text": ...}].
    if isinstance(content, list):
        return "".join(str(b.get("text", "")) for b in content if isinstance(b, dict) and b.get("type", "text") == "text")
    return str(content)


def is_truncated(ids: Optional[Sequence[int]], max_completion_length: Optional[int], eos_token_ids: Optional[Sequence[int]]) -> Optional[bool]:
    """Whether generation was cut at the length limit, told from the completion's token ids; None if unknown."""
    if ids is None:
        return None
    if eos_token_ids:
        return len(ids) == 0 or ids[-1] not in eos_token_ids
    if max_completion_length:
        return len(ids) >= max_completion_length
    return None


def build_items(completions: Sequence[Any], kwargs: Dict[str, Any], max_completion_length: Optional[int] = None, eos_token_ids: Optional[Sequence[int]] = None) -> List[Dict[str, Any]]:
    """One server item per completion from TRL's keyword columns."""
    refs = kwargs.get("problem_id") or kwargs.get("problem")
    if refs is None:
        raise ValueError("the dataset needs a 'problem_id' (or 'problem') column for the reward server")
    ids = kwargs.get("completion_ids")
    items = []
    for i, completion in enumerate(completions):
        item = {"completion": completion_text(completion), **reward_client.problem_field(refs[i])}
        for column in ("language", "truncated", "group"):
            values = kwargs.get(column)
            if values is not None and values[i] is not None:
                item[column] = values[i]
        if "truncated" not in item and ids is not None:
            cut = is_truncated(ids[i], max_completion_length, eos_token_ids)
            if cut is not None:
                item["truncated"] = cut
        items.append(item)
    return items


def report(name: str, results: Sequence[Dict[str, Any]], kwargs: Dict[str, Any]) -> None:
    """Counts per status through TRL's log_metric (every call, so every rank logs the same keys)."""
    counts = reward_client.count_statuses(results)
    log_metric = kwargs.get("log_metric")
    log_extra = kwargs.get("log_extra")
    if callable(log_metric):
        for key, value in counts.items():
            log_metric(f"{name}/{key}", float(value))
    elif counts["timeout"] or counts["infra_error"] or counts["unreachable"]:
        # TRL before log_metric: say it where the user looks.
        logger.warning("%s: %d of %d completions got no reward (%s)", name, len(results) - sum(1 for r in results if r["reward"] is not None), len(results), counts)
    if callable(log_extra):
        log_extra(f"{name}_status", [r["status"] for r in results])


def make_reward_func(
    url: Optional[str] = None,
    schema: Optional[str] = None,
    timeout: Optional[float] = None,
    tests: str = "all",
    name: Optional[str] = None,
    deadline: Optional[float] = None,
    max_completion_length: Optional[int] = None,
    eos_token_ids: Optional[Sequence[int]] = None,
    retries: Optional[int] = None,
):
    """An async TRL reward function scoring completions with one schema."""
    schema_name = schema or os.environ.get("REWARD_SCHEMA") or "binary"
    func_name = name or f"reward_{schema_name.replace('-', '_').replace('+', '_')}"
    eos = list(eos_token_ids) if eos_token_ids is not None else None

    async def reward_func(prompts: Sequence[Any], completions: Sequence[Any], **kwargs: Any) -> List[Optional[float]]:
        items = build_items(completions, kwargs, max_completion_length, eos)
        results = await asyncio.to_thread(
            reward_client.score_results, items, url=url, schema=schema, timeout=timeout, deadline=deadline, retries=retries, tests=tests
        )
        report(func_name, results, kwargs)
        return [r["reward"] for r in results]

    # TRL logs each reward function under its __name__.
    reward_func.__name__ = func_name
    return reward_func


async def reward(prompts: Sequence[Any], completions: Sequence[Any], **kwargs: Any) -> List[Optional[float]]:
    """The default reward function: settings from the environment, read at each call."""
    return await make_reward_func()(prompts, completions, **kwargs)


reward.__name__ = "reward"
