"""Asks for rewards the way OpenRLHF's SingleTurnAgentExecutor does (OpenRLHF 3c3be62, v0.11.0).

stdin: {"url": ".../get_reward", "samples": [{"prompt", "response", "label"}], "retry_sleep_s": 1.0}
stdout: [{"reward", "scores", "extra_logs", "tries", "log"}] one per sample.

As in OpenRLHF: every sample is its own request {"query": [prompt + response], "prompts": [prompt],
"labels": [label]}, all samples in flight at once; the query is decoded with special tokens kept
(the response ends with the model's end-of-turn token); a failed POST (any HTTP error status,
raise_for_status, or no connection) is logged at INFO and retried up to 5 times, 1 s apart
(retry_sleep_s shortens the pause for tests), then the sample keeps reward None.
aiohttp is not in this environment: urllib in a thread does the same POST with the same 180 s timeout.
"""
import asyncio
import json
import sys
import urllib.error
import urllib.request

spec = json.load(sys.stdin)
SLEEP = float(spec.get("retry_sleep_s", 1.0))


def _post(url, data):
    req = urllib.request.Request(url, data=json.dumps(data).encode(), headers={"content-type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=180) as response:  # raises on 4xx/5xx like raise_for_status
        return json.load(response)


async def _post_request(url, data, log, try_max_times=5):
    for _ in range(try_max_times):
        log.append("try")
        try:
            return await asyncio.to_thread(_post, url, data)
        except (urllib.error.URLError, OSError) as e:
            detail = e.read().decode() if isinstance(e, urllib.error.HTTPError) else str(e)
            log.append(f"Request error, please check: {detail}")
        await asyncio.sleep(SLEEP)
    raise RuntimeError(f"Request error for {try_max_times} times, returning None. Please check the API server.")


async def execute(sample):
    prompt, label = sample["prompt"], sample["label"]
    query = prompt + sample["response"]
    log = []
    output = {"reward": None, "scores": None, "extra_logs": {}}
    try:
        payload = {"query": [query], "prompts": [prompt], "labels": [label]}
        rewards_info = await _post_request(spec["url"], payload, log)
        if rewards_info:
            score_value = rewards_info.get("scores")
            if score_value is None:
                score_value = rewards_info.get("rewards")
            output.update(reward=rewards_info.get("rewards"), scores=score_value, extra_logs=rewards_info.get("extra_logs") or {})
    except Exception as e:
        log.append(f"[SingleTurnExecutor] Failed to fetch reward from remote RM: {e}")
    output["tries"] = log.count("try")
    output["log"] = [line for line in log if line != "try"]
    return output


async def main():
    return await asyncio.gather(*(execute(s) for s in spec["samples"]))


print(json.dumps(asyncio.run(main())))
