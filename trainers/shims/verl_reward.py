"""verl custom reward function backed by the reward server. Standard library only.

    custom_reward_function.path=trainers/shims/verl_reward.py
    custom_reward_function.name=compute_score        # async: verl awaits it; concurrent calls share one request
    custom_reward_function.name=compute_score_sync   # blocking: one request per sample
    reward_model.reward_manager=naive                # or dapo; rate_limited adds limits (see README)
    +custom_reward_function.reward_kwargs.on_missing=raise   # or zero
    +custom_reward_function.reward_kwargs.deadline=60

verl calls `compute_score(data_source=..., solution_str=..., ground_truth=..., extra_info=...)` with
keyword arguments, plus whatever `custom_reward_function.reward_kwargs` holds.

`ground_truth` names the problem: what `datasets export --to verl` writes (self-contained: id, tests,
limits, checker), a canonical problem (dict or JSON text), `{"problem_id": ...}` or a bare id the
server resolves. When it is not self-contained, `extra_info.problem_id` is used. `extra_info` may
also carry `language`, `truncated`, `group` and `schema`.

verl cannot leave a sample out: a None score crashes the step (`torch.tensor` of the scores), and
verl requires every sample's extras to have the same keys. So the result is always a dict with a
float `score` and the same numeric extras (`acc`, `timeout`, `infra_error`, `unreachable`, `masked`),
and a missing reward (outage, infrastructure failure, deadline) follows `on_missing`:
  "raise" (default): raise RewardUnavailable, which stops the step with the reason. Nothing wrong is
           learnt; a long outage costs the run (restart from the last checkpoint).
  "zero":  score 0.0 with the extra set to 1, so verl logs how many. Training goes on, but every
           missing reward reads as a wrong answer, which biases the update towards whatever was
           judged in time: use it with a deadline that rarely fires and watch the extras.
An overlong-masked sample (schema `+overlong-mask`) is no failure: score 0.0 with `masked` 1.
Settings: arguments / reward_kwargs, else REWARD_SERVER_URL, REWARD_SCHEMA, REWARD_DEADLINE_S,
REWARD_TIMEOUT_S, REWARD_ON_MISSING.
"""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Any, Dict, List, Optional, Sequence, Tuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reward_client  # noqa: E402

POLICIES = ("raise", "zero")
# How long concurrent compute_score calls are collected into one request.
BATCH_WINDOW_S = 0.05


class RewardUnavailable(RuntimeError):
    """The server gave no reward for a sample and the policy is "raise"."""


def _policy(on_missing: Optional[str]) -> str:
    value = on_missing or os.environ.get("REWARD_ON_MISSING") or "raise"
    if value not in POLICIES:
        raise ValueError(f"on_missing: '{value}' is not one of {', '.join(POLICIES)}")
    return value


def _self_contained(value: Any) -> bool:
    ref = reward_client.problem_field(value) if isinstance(value, dict) or (isinstance(value, str) and value.lstrip().startswith("{")) else None
    return ref is not None and "problem" in ref


def build_item(solution_str: str, ground_truth: Any, extra_info: Optional[Dict[str, Any]]) -> Dict[str, Any]:
    """The server item for one verl sample."""
    info = extra_info or {}
    ref = ground_truth if _self_contained(ground_truth) or info.get("problem_id") is None else info["problem_id"]
    item: Dict[str, Any] = {"completion": solution_str, **reward_client.problem_field(ref)}
    # Parquet rows arrive with numpy scalars, which json cannot write.
    if info.get("language") is not None:
        item["language"] = str(info["language"])
    if info.get("truncated") is not None:
        item["truncated"] = bool(info["truncated"])
    if info.get("group") is not None:
        item["group"] = str(info["group"])
    return item


def to_verl(result: Dict[str, Any], on_missing: str) -> Dict[str, Any]:
    """verl's result dict: a float score and the same numeric extras for every sample."""
    status = result["status"]
    out = {
        "score": 0.0,
        "acc": 1.0 if result.get("verdict") == "AC" else 0.0,
        "timeout": 1.0 if status == "timeout" else 0.0,
        "infra_error": 1.0 if status == "infra_error" else 0.0,
        "unreachable": 1.0 if status == "unreachable" else 0.0,
        "masked": 1.0 if result.get("masked") else 0.0,
    }
    if result["reward"] is not None:
        out["score"] = float(result["reward"])
    elif not result.get("masked") and on_missing == "raise":
        raise RewardUnavailable(
            f"the reward server gave no reward (status {status}); verl cannot train on a missing reward. "
            "Check the server, raise the deadline (reward_kwargs.deadline, README sizing rule), or set "
            "custom_reward_function.reward_kwargs.on_missing=zero to score it 0.0 and count it in the extras"
        )
    return out


def _one_sample(
    solution_str: str, ground_truth: Any, extra_info: Optional[Dict[str, Any]], on_missing: Optional[str], schema: Optional[str]
) -> Tuple[str, Optional[str], Dict[str, Any]]:
    """The policy, the schema (the argument, else the sample's extra_info) and the server item of one sample."""
    policy = _policy(on_missing)
    chosen = schema or (extra_info or {}).get("schema")
    return policy, chosen, build_item(solution_str, ground_truth, extra_info)


def compute_score_sync(
    data_source: str = "",
    solution_str: str = "",
    ground_truth: Any = None,
    extra_info: Optional[Dict[str, Any]] = None,
    *,
    on_missing: Optional[str] = None,
    deadline: Optional[float] = None,
    url: Optional[str] = None,
    schema: Optional[str] = None,
    **kwargs: Any,
) -> Dict[str, Any]:
    """Reward of one sample (blocking, one request)."""
    policy, chosen, item = _one_sample(solution_str, ground_truth, extra_info, on_missing, schema)
    result = reward_client.score_results([item], url=url, schema=chosen, deadline=deadline)[0]
    return to_verl(result, policy)


_Key = Tuple[Optional[str], Optional[str], Optional[float]]


class _Batcher:
    """Collects the compute_score calls of one event loop that arrive within BATCH_WINDOW_S into one
    request: verl's reward loop awaits every sample of a batch at once, and one request lets the
    server judge whole groups first and apply one deadline to the batch."""

    def __init__(self) -> None:
        self.pending: Dict[_Key, List[Tuple[Dict[str, Any], asyncio.Future]]] = {}

    async def submit(self, key: _Key, item: Dict[str, Any]) -> Dict[str, Any]:
        loop = asyncio.get_running_loop()
        future: asyncio.Future = loop.create_future()
        waiting = self.pending.setdefault(key, [])
        waiting.append((item, future))
        if len(waiting) == 1:
            loop.call_later(BATCH_WINDOW_S, lambda: asyncio.ensure_future(self._flush(key)))
        return await future

    async def _flush(self, key: _Key) -> None:
        batch = self.pending.pop(key, [])
        url, schema, deadline = key
        try:
            results = await asyncio.to_thread(reward_client.score_results, [item for item, _ in batch], url=url, schema=schema, deadline=deadline)
            for (_, future), result in zip(batch, results):
                if not future.done():
                    future.set_result(result)
        except Exception as err:  # a 400 belongs to every caller of the batch
            for _, future in batch:
                if not future.done():
                    future.set_exception(err)


_batchers: Dict[int, _Batcher] = {}


async def compute_score(
    data_source: str = "",
    solution_str: str = "",
    ground_truth: Any = None,
    extra_info: Optional[Dict[str, Any]] = None,
    *,
    on_missing: Optional[str] = None,
    deadline: Optional[float] = None,
    url: Optional[str] = None,
    schema: Optional[str] = None,
    **kwargs: Any,
) -> Dict[str, Any]:
    """Reward of one sample without blocking the event loop; concurrent calls are sent together."""
    policy, chosen, item = _one_sample(solution_str, ground_truth, extra_info, on_missing, schema)
    batcher = _batchers.setdefault(id(asyncio.get_running_loop()), _Batcher())
    result = await batcher.submit((url, chosen, deadline), item)
    return to_verl(result, policy)


def compute_score_batch(
    data_sources: Sequence[str],
    solution_strs: Sequence[str],
    ground_truths: Sequence[Any],
    extra_infos: Optional[Sequence[Optional[Dict[str, Any]]]] = None,
    *,
    on_missing: Optional[str] = None,
    deadline: Optional[float] = None,
    url: Optional[str] = None,
    schema: Optional[str] = None,
    **kwargs: Any,
) -> List[Dict[str, Any]]:
    """verl's legacy `batch` manager only (reward_model.use_reward_loop=False): a whole batch in one request."""
    policy = _policy(on_missing)
    infos = list(extra_infos) if extra_infos is not None else [None] * len(solution_strs)
    items = [build_item(s, g, e) for s, g, e in zip(solution_strs, ground_truths, infos)]
    chosen = schema or next((e.get("schema") for e in infos if e and e.get("schema")), None)
    results = reward_client.score_results(items, url=url, schema=chosen, deadline=deadline)
    return [to_verl(r, policy) for r in results]
