import json
import os

import torch

from codejudge_train.grpo_trainer import run_grpo
from codejudge_train.job import Job
from conftest import write_prompts
from test_checkpoint_resume import grpo_config


def with_eval(cfg, prompts, every):
    return {**cfg, "eval_every": every, "eval": {"prompts": prompts, "n": 2, "max_new_tokens": 4, "temperature": 1.0}}


def test_a_job_samples_its_policy_before_training_every_n_steps_and_at_the_end_without_changing_its_training(tmp_path):
    data = write_prompts(tmp_path / "rl.jsonl")
    plain = Job(grpo_config(data, 5), str(tmp_path / "plain"), default_adapter="tinylora")
    run_grpo(plain)
    evaluated_dir = str(tmp_path / "evaluated")
    evaluated = Job(with_eval(grpo_config(data, 5), data, 3), evaluated_dir, default_adapter="tinylora")
    run_grpo(evaluated)
    # Sampling for evaluation draws from its own RNG stream: the trained weights are the same.
    for a, b in zip(plain.adapter.vectors, evaluated.adapter.vectors):
        assert torch.equal(a.detach(), b.detach())
    files = sorted(os.listdir(os.path.join(evaluated_dir, "eval")))
    assert files == [f"samples-step-{s}.jsonl" for s in (0, 3, 5)]
    prompts = sum(1 for _ in open(data))
    for step in (0, 3, 5):
        rows = [json.loads(line) for line in open(os.path.join(evaluated_dir, "eval", f"samples-step-{step}.jsonl"))]
        assert len(rows) == 2 * prompts
        assert {r["model"] for r in rows} == {f"codejudge_train:evaluated/step-{step:06d}"}
        assert all({"problem_id", "prompt", "completion", "truncated"} <= r.keys() for r in rows)
    # Evaluation steps are checkpointed too (save_every is 2), so their runs name a checkpoint on disk.
    assert os.path.isdir(os.path.join(evaluated_dir, "checkpoints", "step-000003"))
