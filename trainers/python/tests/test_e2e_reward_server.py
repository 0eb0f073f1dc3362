"""End to end: the tiny model trained with GRPO-TinyLoRA through the package's CLI, scored by the
live harness reward server (bun harness/cli/main.ts serve --rewards) on a toy answer task."""
import json
import os
import re
import subprocess
import sys
import time

import pytest
import torch

from conftest import read_metrics, write_prompts

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write_problems(tmp_path):
    problems = tmp_path / "problems.jsonl"
    problems.write_text(json.dumps({"id": "toy/lucky-seven", "statement": "Answer with the number 7.",
                                    "mode": "answer", "answer": "7"}) + "\n")
    return problems


def sampled_pass_at_1(tmp_path, job_dir, prompts, name):
    """Samples 4 completions per prompt from the job's latest checkpoint (temperature 1) and has the
    harness judge them: pass@1 as `bun run eval` reports it."""
    samples = tmp_path / f"{name}.samples.jsonl"
    gen = subprocess.run([sys.executable, "-m", "codejudge_train", "generate", "--job-dir", str(job_dir), "--prompts", prompts,
                          "--out", str(samples), "--n", "4", "--max-new-tokens", "4", "--temperature", "1.0"],
                         cwd=PACKAGE_ROOT, capture_output=True, text=True, timeout=300)
    assert gen.returncode == 0, gen.stderr[-3000:]
    ev = subprocess.run(["bun", "harness/cli/main.ts", "eval", "--dataset", str(write_problems(tmp_path)), "--samples",
                         str(samples), "--db", str(tmp_path / "eval.db"), "--name", name, "--json"],
                        cwd=REPO, capture_output=True, text=True, timeout=300)
    assert ev.returncode == 0, ev.stderr[-3000:]
    report = json.loads(ev.stdout.strip().splitlines()[-1])
    assert report["samples"] == 32 and report["verdicts"]["SE"] == 0
    return report["verdicts"]["AC"] / report["samples"]


@pytest.fixture
def reward_server(tmp_path):
    problems = write_problems(tmp_path)
    proc = subprocess.Popen(["bun", "harness/cli/main.ts", "serve", "--rewards", "--dataset", str(problems), "--port", "0"],
                            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url, seen = None, []
    deadline = time.time() + 90
    while url is None and time.time() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        seen.append(line)
        m = re.search(r"(http://127\.0\.0\.1:\d+)/v1/rewards", line)
        url = m.group(1) if m else None
    if url is None:
        proc.kill()
        raise RuntimeError("the reward server did not start:\n" + "".join(seen))
    yield url
    proc.terminate()
    proc.wait(timeout=30)


def test_grpo_tinylora_raises_the_reward_from_the_live_reward_server(tmp_path, digit_model, reward_server):
    config = tmp_path / "grpo.json"
    config.write_text(json.dumps({
        "seed": 0, "model": {"name": "tiny", "init_checkpoint": digit_model}, "data": {"train": write_prompts(tmp_path / "rl.jsonl")},
        "max_steps": 24, "save_every": 12, "adapter": "tinylora",
        "tinylora": {"r": 2, "u": 16, "target_modules": ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj",
                                                         "down_proj", "lm_head"]},
        "optim": {"lr": 0.1, "schedule": "constant"},
        "grpo": {"num_generations": 8, "prompts_per_step": 8, "max_completion_length": 4, "loss_type": "dapo"},
        "reward": {"schema": "binary", "timeout_s": 60}}))
    job_dir = tmp_path / "job"
    run = subprocess.run([sys.executable, "-m", "codejudge_train", "train", "--algo", "grpo-tinylora", "--config", str(config),
                          "--job-dir", str(job_dir), "--reward-url", reward_server],
                         cwd=PACKAGE_ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["status"] == "completed" and result["trainable_parameters"] == 16 * 15
    rows = read_metrics(job_dir)
    assert len(rows) == 24
    first = sum(r["reward_mean"] for r in rows[:6]) / 6
    final = sum(r["reward_mean"] for r in rows[-6:]) / 6
    assert final > first + 0.2, [round(r["reward_mean"], 2) for r in rows]
    assert all(r["reward_source"] == "server" and r["reward_infra_errors"] == 0 for r in rows)
    for key in ("reward_std", "frac_reward_zero_std", "kl", "clip_ratio", "entropy", "truncated_ratio", "loss"):
        assert key in rows[-1]
    saved = torch.load(job_dir / "checkpoints" / "step-000024" / "adapter.pt")
    assert sorted(saved) == ["meta", "v"] and sum(v.numel() for v in saved["v"]) == 16 * 15
    for name in ("environment.json", "platform.json", "config.resolved.json", "result.json"):
        assert (job_dir / name).exists()
    assert (job_dir / "checkpoints" / "latest").read_text() == "step-000024"

    # Close the loop: the harness judges samples from the base policy and from the trained adapter.
    prompts = str(tmp_path / "rl.jsonl")
    base_job = os.path.dirname(os.path.dirname(os.path.dirname(digit_model)))
    before = sampled_pass_at_1(tmp_path, base_job, prompts, "base")
    after = sampled_pass_at_1(tmp_path, job_dir, prompts, "trained")
    # Shown with pytest -s: the figures the README quotes.
    print(json.dumps({"reward_first6": first, "reward_last6": final, "pass1_base": before, "pass1_trained": after}))
    assert after > before + 0.2, (before, after)
