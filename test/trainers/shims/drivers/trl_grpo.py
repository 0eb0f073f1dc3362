"""Calls a reward function the way TRL's GRPOTrainer._calculate_rewards does (trl f2cd577, v1.9.0).

stdin: {"shims": dir, "factory": {kwargs of make_reward_func} | null (use trl_reward.reward),
        "examples": [{"prompt": ..., "completion": ..., "completion_ids": [...], <dataset columns>}]}
stdout: {"rewards": [float | null (NaN)], "metrics": {name: [values]}, "extra": {column: [values]}}

As in TRL: every column but prompt/completion/completion_ids becomes a keyword list; trainer_state,
log_extra and log_metric are added; an async reward function runs on a loop in another thread
(TRL's self.async_loop) through run_coroutine_threadsafe; None becomes NaN.
"""
import asyncio
import inspect
import json
import math
import sys
import threading
from collections import defaultdict

spec = json.load(sys.stdin)
sys.path.insert(0, spec["shims"])
import trl_reward  # noqa: E402

func = trl_reward.make_reward_func(**spec["factory"]) if spec.get("factory") is not None else trl_reward.reward
inputs = spec["examples"]
prompts = [x["prompt"] for x in inputs]
completions = [x["completion"] for x in inputs]
completion_ids_list = [x.get("completion_ids", []) for x in inputs]

metrics = defaultdict(list)
extra = defaultdict(list)
keys = [key for key in inputs[0] if key not in ["prompt", "completion", "completion_ids"]]
reward_kwargs = {key: [example[key] for example in inputs] for key in keys}
reward_kwargs["trainer_state"] = object()
reward_kwargs["log_extra"] = lambda column, values: extra[column].extend(values)
reward_kwargs["log_metric"] = lambda name, value: metrics[name].append(value)

loop = asyncio.new_event_loop()
threading.Thread(target=loop.run_forever, daemon=True).start()

assert inspect.iscoroutinefunction(func), "the shim's reward function must be async"


async def _invoke():
    output = await func(prompts=prompts, completions=completions, completion_ids=completion_ids_list, **reward_kwargs)
    return [r if r is not None else math.nan for r in output]


rewards = asyncio.run_coroutine_threadsafe(_invoke(), loop).result()
assert all(isinstance(r, (int, float)) for r in rewards)
print(json.dumps({"name": func.__name__, "rewards": [None if math.isnan(r) else r for r in rewards], "metrics": metrics, "extra": extra}))
