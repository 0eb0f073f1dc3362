import os
import sys

# The suite is a CPU suite (its toy figures and exact-resume checks assume fp32 on the CPU); on a GPU
# machine it still runs there, subprocesses included. The GPU path is the smoke benchmark's.
os.environ["CUDA_VISIBLE_DEVICES"] = ""

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import json

import pytest

TOY_PROMPTS = [f"Q{i}: pick a digit.\nA: " for i in range(8)]


@pytest.fixture(scope="session")
def digit_model(tmp_path_factory):
    """The tiny model after a short SFT on "answer with one random digit": a policy that answers in
    the toy task's format but picks the digit uniformly, so RL has something to improve."""
    from codejudge_train.job import Job
    from codejudge_train.sft import run_sft
    import random

    root = tmp_path_factory.mktemp("digit-model")
    rng = random.Random(0)
    data = root / "sft.jsonl"
    with open(data, "w") as f:
        for _ in range(64):
            f.write(json.dumps({"prompt": rng.choice(TOY_PROMPTS), "completion": str(rng.randint(0, 9))}) + "\n")
    cfg = {"seed": 0, "model": {"name": "tiny"}, "data": {"train": str(data)}, "max_steps": 60,
           "optim": {"lr": 3e-3, "warmup_steps": 5}, "sft": {"batch_size": 16}}
    run_sft(Job(cfg, str(root / "job")))
    return str(root / "job" / "checkpoints" / "step-000060" / "model.pt")


def write_prompts(path, problem_id="toy/lucky-seven"):
    with open(path, "w") as f:
        for p in TOY_PROMPTS:
            f.write(json.dumps({"prompt": p, "answer": "7", "problem_id": problem_id}) + "\n")
    return str(path)


def read_metrics(job_dir):
    with open(f"{job_dir}/metrics.jsonl") as f:
        return [json.loads(line) for line in f]
