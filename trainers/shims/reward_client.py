"""HTTP client of the reward server (`bun run serve --rewards`), standard library only.

Shared by the TRL and verl shims. An outage (server down, connection reset, HTTP 5xx, client
timeout) gives status "unreachable" and reward None for every sample, after `retries` more tries
within the time left: the trainer must see "no reward", never a fake 0. A request the server refuses
(HTTP 400: unknown problem id, unknown language, bad schema) raises, because that is a configuration
mistake that retrying cannot fix.

Deadline: the server judges a request's items group by group and, at `deadline` seconds, answers
with what is done and `status: "timeout"` for the rest. The HTTP timeout is the deadline plus a
margin, so the server's partial answer (not the client giving up) ends a slow call.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from typing import Any, Dict, List, NamedTuple, Optional, Sequence

DEFAULT_URL = "http://127.0.0.1:8321"
DEFAULT_DEADLINE_S = 120.0
# Time for the answer of a request that hit its deadline to travel back.
HTTP_MARGIN_S = 15.0


class RewardRequestError(ValueError):
    """The server refused the request (HTTP 4xx); its message names the wrong field."""


class Settings(NamedTuple):
    url: str
    schema: str
    deadline: float
    timeout: float
    retries: int


def settings(
    url: Optional[str] = None,
    schema: Optional[str] = None,
    timeout: Optional[float] = None,
    deadline: Optional[float] = None,
    retries: Optional[int] = None,
) -> Settings:
    """Arguments win over REWARD_SERVER_URL, REWARD_SCHEMA, REWARD_DEADLINE_S, REWARD_TIMEOUT_S and
    REWARD_RETRIES, which win over the defaults. Without a deadline, an HTTP timeout sets it."""
    env = os.environ
    http_timeout = float(timeout) if timeout is not None else (float(env["REWARD_TIMEOUT_S"]) if env.get("REWARD_TIMEOUT_S") else None)
    if deadline is not None:
        seconds = float(deadline)
    elif env.get("REWARD_DEADLINE_S"):
        seconds = float(env["REWARD_DEADLINE_S"])
    elif http_timeout is not None:
        # The server gives up a little before the client does, so its timeouts (not ours) explain the wait.
        seconds = max(0.001, http_timeout - 0.5)
    else:
        seconds = DEFAULT_DEADLINE_S
    return Settings(
        url=(url or env.get("REWARD_SERVER_URL") or DEFAULT_URL).rstrip("/"),
        schema=schema or env.get("REWARD_SCHEMA") or "binary",
        deadline=seconds,
        timeout=http_timeout if http_timeout is not None else seconds + HTTP_MARGIN_S,
        retries=int(retries if retries is not None else env.get("REWARD_RETRIES", "2")),
    )


def _from_export(gt: Dict[str, Any]) -> Dict[str, Any]:
    """The canonical problem for a ground truth written by `datasets export --to verl`."""
    problem: Dict[str, Any] = {"id": str(gt["problem_id"]), "statement": "", "mode": gt.get("mode") or "stdio"}
    if "inputs" in gt:
        kinds = gt.get("test_kinds") or [None] * len(gt["inputs"])
        problem["tests"] = [
            dict({"input": i, "output": o}, **({"kind": k} if k else {})) for i, o, k in zip(gt["inputs"], gt["outputs"], kinds)
        ]
    for key in ("test_code", "entry_point", "solution_prefix", "prelude", "stop_tokens", "time_limit_ms", "memory_limit_mb", "checker", "languages", "input_file", "output_file", "answer"):
        if gt.get(key) is not None:
            problem[key] = gt[key]
    return problem


def problem_field(value: Any) -> Dict[str, Any]:
    """A problem reference for a request item.

    A dict (or JSON object text) is a canonical problem (`id` + `statement`), a ground truth from
    `datasets export --to verl` (`problem_id` with `inputs`/`outputs` or `test_code`), or a bare
    reference `{"problem_id": ...}` the server resolves in its dataset. Anything else is an id.
    """
    if isinstance(value, str) and value.lstrip().startswith("{"):
        value = json.loads(value)
    if isinstance(value, dict):
        if "id" in value and "statement" in value:
            return {"problem": value}
        if "problem_id" in value:
            if any(k in value for k in ("inputs", "test_code")):
                return {"problem": _from_export(value)}
            return {"problem_id": str(value["problem_id"])}
        raise RewardRequestError(
            "a problem given as an object needs 'id' and 'statement' (canonical) or 'problem_id' (export --to verl); got keys "
            + ", ".join(sorted(value))
        )
    return {"problem_id": str(value)}


def post_json(url: str, body: Dict[str, Any], timeout: float) -> Optional[Dict[str, Any]]:
    """POSTs JSON; returns the decoded answer, None on an outage, raises RewardRequestError on 4xx."""
    request = urllib.request.Request(
        url, data=json.dumps(body).encode("utf-8"), headers={"content-type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.load(response)
    except urllib.error.HTTPError as err:
        if 400 <= err.code < 500:
            detail = err.read().decode("utf-8", "replace")
            try:
                detail = json.loads(detail).get("error", detail)
            except ValueError:
                pass
            raise RewardRequestError(f"reward server refused the request ({err.code}): {detail}") from None
        return None
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError, ValueError):
        return None


def score_results(
    items: Sequence[Dict[str, Any]],
    *,
    url: Optional[str] = None,
    schema: Optional[str] = None,
    timeout: Optional[float] = None,
    deadline: Optional[float] = None,
    retries: Optional[int] = None,
    tests: str = "all",
) -> List[Dict[str, Any]]:
    """One result per item: {reward, status, verdict, masked}. status is the server's (ok, timeout,
    infra_error) or "unreachable" when no answer came back at all."""
    s = settings(url, schema, timeout, deadline, retries)
    if not items:
        return []
    started = time.monotonic()
    for attempt in range(s.retries + 1):
        left = s.deadline - (time.monotonic() - started)
        if attempt > 0 and left < 1.0:
            break
        body = {
            "schema": s.schema,
            "tests": tests,
            "deadline_ms": max(1, int(left * 1000)),
            "items": [dict(item, id=i) for i, item in enumerate(items)],
        }
        answer = post_json(f"{s.url}/v1/rewards", body, left + (s.timeout - s.deadline))
        if answer is not None:
            by_id = {r["id"]: r for r in answer.get("results", [])}
            return [_result(by_id.get(i)) for i in range(len(items))]
        if attempt < s.retries:
            time.sleep(min(1.0, max(0.0, s.deadline - (time.monotonic() - started))))
    return [{"reward": None, "status": "unreachable", "verdict": None, "masked": False} for _ in items]


def _result(r: Optional[Dict[str, Any]]) -> Dict[str, Any]:
    if r is None:
        return {"reward": None, "status": "unreachable", "verdict": None, "masked": False}
    return {"reward": r.get("reward"), "status": r.get("status", "ok"), "verdict": r.get("verdict"), "masked": bool((r.get("details") or {}).get("masked"))}


def count_statuses(results: Sequence[Dict[str, Any]]) -> Dict[str, int]:
    """How many results timed out, failed on the server's side, never came back, or were masked."""
    return {
        "timeout": sum(1 for r in results if r["status"] == "timeout"),
        "infra_error": sum(1 for r in results if r["status"] == "infra_error"),
        "unreachable": sum(1 for r in results if r["status"] == "unreachable"),
        "masked": sum(1 for r in results if r["masked"]),
    }


def score(items: Sequence[Dict[str, Any]], **kwargs: Any) -> List[Optional[float]]:
    """Rewards for items ({problem_id | problem, completion, language?, truncated?, group?}), None where there is none."""
    return [r["reward"] for r in score_results(items, **kwargs)]
