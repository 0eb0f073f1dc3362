"""Rewards from the harness reward server (harness/reward-server, POST /v1/rewards), or from a local
function. An infrastructure failure is a null reward, never 0: the trainers drop null samples from
group statistics and from the loss."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Callable


# The item fields POST /v1/rewards accepts (it refuses unknown ones).
SERVER_FIELDS = ("problem_id", "problem", "completion", "language", "truncated", "group")


class RewardRequestError(RuntimeError):
    """The server refused the request (400): retrying cannot fix it, so training stops."""


@dataclass
class RewardStats:
    requests: int = 0
    infra_errors: int = 0
    timeouts: int = 0
    nulls: int = 0
    verdicts: dict = field(default_factory=dict)


class RewardClient:
    def __init__(self, url: str, schema: str = "binary", timeout_s: float = 120.0, batch_size: int = 512,
                 tests: str | None = None):
        self.url = url.rstrip("/")
        if not self.url.endswith("/v1/rewards"):
            self.url += "/v1/rewards"
        self.schema, self.timeout_s, self.batch_size, self.tests = schema, timeout_s, batch_size, tests
        self.stats = RewardStats()

    def score(self, items: list[dict]) -> list[float | None]:
        """items: {problem_id | problem, completion, language?, truncated?, group?}; one reward each."""
        out: list[float | None] = []
        for start in range(0, len(items), self.batch_size):
            out.extend(self._post(items[start: start + self.batch_size]))
        self.stats.nulls += sum(r is None for r in out)
        return out

    def _post(self, chunk: list[dict]) -> list[float | None]:
        body = {"schema": self.schema, "deadline_ms": int(self.timeout_s * 1000),
                "items": [{"id": i, **{k: v for k, v in item.items() if k in SERVER_FIELDS and v is not None}}
                          for i, item in enumerate(chunk)]}
        if self.tests:
            body["tests"] = self.tests
        req = urllib.request.Request(self.url, data=json.dumps(body).encode(), method="POST",
                                     headers={"content-type": "application/json"})
        self.stats.requests += 1
        try:
            # The client waits a little longer than the server's deadline so late items come back as timeouts.
            with urllib.request.urlopen(req, timeout=self.timeout_s + 10) as resp:
                data = json.loads(resp.read())
        except urllib.error.HTTPError as e:
            if e.code == 400:
                raise RewardRequestError(f"reward server refused the batch: {e.read().decode(errors='replace')}") from e
            self.stats.infra_errors += len(chunk)
            return [None] * len(chunk)
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError):
            self.stats.infra_errors += len(chunk)
            return [None] * len(chunk)
        rewards: list[float | None] = [None] * len(chunk)
        for res in data.get("results", []):
            rewards[res["id"]] = res.get("reward")
            status = res.get("status")
            if status == "timeout":
                self.stats.timeouts += 1
            elif status == "infra_error":
                self.stats.infra_errors += 1
            verdict = res.get("verdict")
            if verdict:
                self.stats.verdicts[verdict] = self.stats.verdicts.get(verdict, 0) + 1
        return rewards


class FunctionRewards:
    """A local reward function (record, completion text) -> float | None, for examples and the smoke."""

    def __init__(self, fn: Callable[[dict, str], float | None]):
        self.fn = fn
        self.stats = RewardStats()

    def score(self, items: list[dict]) -> list[float | None]:
        return [self.fn(item, item["completion"]) for item in items]
