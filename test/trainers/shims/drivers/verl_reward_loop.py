"""Calls a custom reward function the way verl's reward loop does (verl b178a3c, v0.7.0).

stdin: {"path": file, "name": function, "reward_kwargs": {...}, "manager": "naive",
        "samples": [{"data_source", "solution_str", "ground_truth", "extra_info"}]}
stdout: {"scores": [float], "extras": {key: [values]}} or, when verl's step would fail,
        {"crash": "ExceptionType: message"} with exit code 3.

As in verl: get_custom_reward_fn loads the function from the file and wraps it in a partial that
merges custom_reward_function.reward_kwargs; the naive manager's run_single awaits an async
function or runs a sync one in the loop's executor, with keyword arguments; the reward loop
gathers every sample of the batch at once, then builds rm_scores with torch.tensor(scores)
(here array("f"), which refuses None the same way) and the extras from the first sample's keys.
"""
import asyncio
import importlib.util
import inspect
import json
import sys
from array import array
from functools import partial

spec = json.load(sys.stdin)


def _call_with_kwargs(raw_fn, extra_kwargs, *args, **kwargs):
    return raw_fn(*args, **{**kwargs, **extra_kwargs})


async def _call_with_kwargs_async(raw_fn, extra_kwargs, *args, **kwargs):
    return await raw_fn(*args, **{**kwargs, **extra_kwargs})


def get_custom_reward_fn(path, name, reward_kwargs):
    module_spec = importlib.util.spec_from_file_location("custom_module", path)
    module = importlib.util.module_from_spec(module_spec)
    sys.modules["custom_module"] = module
    module_spec.loader.exec_module(module)
    raw_fn = getattr(module, name)
    if not inspect.iscoroutinefunction(raw_fn):
        return partial(_call_with_kwargs, raw_fn, reward_kwargs)
    return partial(_call_with_kwargs_async, raw_fn, reward_kwargs)


compute_score = get_custom_reward_fn(spec["path"], spec["name"], dict(spec.get("reward_kwargs") or {}))
is_async = inspect.iscoroutinefunction(compute_score)


async def run_single(loop, sample):
    extra_info = dict(sample.get("extra_info") or {})
    extra_info["num_turns"] = None
    extra_info["rollout_reward_scores"] = {}
    kwargs = dict(data_source=sample["data_source"], solution_str=sample["solution_str"], ground_truth=sample["ground_truth"], extra_info=extra_info)
    if is_async:
        result = await compute_score(**kwargs)
    else:
        result = await loop.run_in_executor(None, lambda: compute_score(**kwargs))
    reward_extra_info = {}
    if isinstance(result, dict):
        score = result["score"]
        for key, value in result.items():
            reward_extra_info[key] = value
    else:
        score = result
        reward_extra_info["acc"] = score
    return {"reward_score": score, "reward_extra_info": reward_extra_info}


async def compute_score_batch():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(run_single(loop, s)) for s in spec["samples"]]
    return await asyncio.gather(*tasks)


try:
    outputs = asyncio.run(compute_score_batch())
    scores = [item["reward_score"] for item in outputs]
    rm_scores = array("f", scores)
    infos = [o.get("reward_extra_info", {}) for o in outputs]
    keys = list(infos[0].keys())
    extras = {key: [info[key] for info in infos] for key in keys}
except Exception as err:  # what would stop verl's training step
    print(json.dumps({"crash": f"{type(err).__name__}: {err}"}))
    sys.exit(3)
print(json.dumps({"scores": list(rm_scores), "extras": extras}))
