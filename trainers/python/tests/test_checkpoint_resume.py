import os

import torch

from codejudge_train.checkpoint import latest_checkpoint
from codejudge_train.grpo_trainer import run_grpo
from codejudge_train.job import Job
from codejudge_train.sft import run_sft
from conftest import read_metrics, write_prompts

VOLATILE = {"time", "tokens_per_s_generation", "tokens_per_s_train", "tokens_per_s"}


def grpo_config(data, steps):
    return {"seed": 3, "model": {"name": "tiny"}, "data": {"train": data}, "max_steps": steps, "save_every": 2,
            "adapter": "tinylora", "tinylora": {"u": 4}, "optim": {"lr": 0.05, "warmup_steps": 2},
            "grpo": {"num_generations": 4, "prompts_per_step": 2, "max_completion_length": 6, "beta": 0.05},
            "reward": {"function": "digit_fraction"}}


def stable(rows):
    return [{k: v for k, v in r.items() if k not in VOLATILE} for r in rows]


def test_a_resumed_grpo_job_continues_exactly_as_an_uninterrupted_one(tmp_path):
    data = write_prompts(tmp_path / "rl.jsonl")
    straight = str(tmp_path / "straight")
    job = Job(grpo_config(data, 4), straight, default_adapter="tinylora")
    run_grpo(job)
    reference = [v.detach().clone() for v in job.adapter.vectors]

    interrupted = str(tmp_path / "interrupted")
    run_grpo(Job(grpo_config(data, 2), interrupted, default_adapter="tinylora"))
    assert latest_checkpoint(interrupted).endswith("step-000002")
    torch.manual_seed(12345)  # a requeued job starts with whatever global RNG state; the checkpoint's wins
    resumed = Job(grpo_config(data, 4), interrupted, default_adapter="tinylora")
    run_grpo(resumed)
    for a, b in zip(reference, resumed.adapter.vectors):
        assert torch.equal(a, b.detach())
    assert stable(read_metrics(interrupted)) == stable(read_metrics(straight))


def test_a_full_fine_tuning_checkpoint_holds_the_model_and_the_optimizer(tmp_path):
    data = tmp_path / "sft.jsonl"
    data.write_text('{"prompt": "a", "completion": "b"}\n' * 4)
    cfg = {"seed": 0, "model": {"name": "tiny"}, "data": {"train": str(data)}, "max_steps": 2, "sft": {"batch_size": 2}}
    run_sft(Job(cfg, str(tmp_path / "job")))
    path = latest_checkpoint(str(tmp_path / "job"))
    state = torch.load(os.path.join(path, "trainer_state.pt"))
    assert state["step"] == 2 and state["optimizer"]["state"] and "torch" in state["rng"]
    assert os.path.exists(os.path.join(path, "model.pt"))


def test_the_deterministic_toggle_turns_on_torch_deterministic_algorithms(tmp_path):
    data = tmp_path / "sft.jsonl"
    data.write_text('{"prompt": "a", "completion": "b"}\n')
    try:
        Job({"model": {"name": "tiny"}, "deterministic": True, "data": {"train": str(data)}}, str(tmp_path / "job"))
        assert torch.are_deterministic_algorithms_enabled()
    finally:
        torch.use_deterministic_algorithms(False)
