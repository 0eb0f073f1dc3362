"""GPU smoke benchmark: a few GRPO-TinyLoRA steps on a randomly initialised causal LM, then
generation speed from merged weights against the unmerged adapter path, side by side. The last
stdout line is one JSON object.

    python3 -m codejudge_train.smoke                            # transformers Llama (~150M) when installed, else the tiny model
    python3 -m codejudge_train.smoke --model tiny --device cpu  # the package's tiny model: seconds on a CPU (CI)

The output says which model ran and why (`model_choice`), and on which device: CPU figures are CPU
figures. Peak memory is the GPU's allocator peak on CUDA, the process's peak resident set on a CPU.

Without --reward-url the rewards come from a local stand-in function (digit_fraction), labelled
so in the output; the figures measure the trainer, not the judge."""
from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time

import torch

from .grpo_trainer import run_grpo
from .job import Job
from .rollout import sample

LLAMA = {"hidden_size": 1024, "intermediate_size": 2816, "num_hidden_layers": 8, "num_attention_heads": 16,
         "num_key_value_heads": 16, "max_position_embeddings": 2048, "vocab_size": 32000}


def has_transformers() -> bool:
    try:
        import transformers  # noqa: F401
        return True
    except ImportError:
        return False


def transformers_version() -> str | None:
    try:
        import transformers
        return transformers.__version__
    except ImportError:
        return None


def timed_generation(job: Job, prompts, max_new: int, merged: bool, repeats: int) -> tuple[int, float]:
    """(tokens generated, seconds) for `repeats` sampling rounds from merged or unmerged weights."""
    tok = job.tokenizer
    if merged:
        job.adapter.merge()
    try:
        _sync()
        t0, n = time.time(), 0
        for _ in range(repeats):
            out = sample(job.model, prompts, max_new, tok.eos_token_id, tok.pad_token_id, 1.0)
            n += sum(len(x) for x in out)
        _sync()
        return n, time.time() - t0
    finally:
        if merged:
            job.adapter.unmerge()


def merged_vs_unmerged(job: Job, prompts, max_new: int, repeats: int) -> tuple[float, float]:
    """Tokens/s from merged and from unmerged weights, after a warm-up round, measured in the order
    merged, unmerged, unmerged, merged so neither side gets the warmer or the quieter half."""
    timed_generation(job, prompts, max_new, False, 1)
    totals = {True: [0, 0.0], False: [0, 0.0]}
    for merged in (True, False, False, True):
        n, sec = timed_generation(job, prompts, max_new, merged, repeats)
        totals[merged][0] += n
        totals[merged][1] += sec
    return tuple(totals[m][0] / max(totals[m][1], 1e-9) for m in (True, False))


def _sync():
    if torch.cuda.is_available():
        torch.cuda.synchronize()


def choose_model(requested: str) -> tuple[bool, str]:
    """(use the transformers Llama?, why) for --model auto|llama|tiny."""
    if requested == "tiny":
        return False, "tiny: asked for (--model tiny)"
    if has_transformers():
        return True, "llama: transformers is installed"
    if requested == "llama":
        raise SystemExit("codejudge_train.smoke: --model llama needs transformers, which is not installed")
    return False, "tiny: fallback, transformers is not installed (--model llama needs it)"


def use_device(requested: str) -> None:
    """--device cpu hides the GPUs before torch first touches CUDA, so every later
    torch.cuda.is_available() (platform detection included) says False."""
    if requested == "cpu":
        os.environ["CUDA_VISIBLE_DEVICES"] = ""
    elif requested == "cuda" and not torch.cuda.is_available():
        raise SystemExit("codejudge_train.smoke: --device cuda, but torch sees no CUDA device")


def peak_memory() -> dict:
    if torch.cuda.is_available():
        return {"peak_gpu_memory_gib": round(torch.cuda.max_memory_allocated() / 2**30, 3), "peak_process_rss_gib": None}
    # Linux reports ru_maxrss in KiB; it includes the interpreter and torch itself, not only the model.
    return {"peak_gpu_memory_gib": None,
            "peak_process_rss_gib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 3)}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="codejudge_train.smoke")
    p.add_argument("--model", choices=("auto", "llama", "tiny"), default="auto",
                   help="llama: random-init transformers Llama; tiny: the package's model; auto: llama where installed")
    p.add_argument("--tiny", action="store_true", help="same as --model tiny")
    p.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    p.add_argument("--steps", type=int, default=None)
    p.add_argument("--max-new-tokens", type=int, default=None, help="completion length (default: 8 tiny, 128 llama)")
    p.add_argument("--llama", default="{}", help="JSON overrides of the Llama config (e.g. a smaller one for a CPU)")
    p.add_argument("--reward-url", help="the harness reward server; without it a local stand-in scores")
    p.add_argument("--job-dir")
    a = p.parse_args(argv)
    use_device(a.device)
    use_llama, model_choice = choose_model("tiny" if a.tiny else a.model)
    a.tiny = not use_llama
    steps = a.steps or (3 if a.tiny else 5)
    max_new = a.max_new_tokens or (8 if a.tiny else 128)
    llama = {**LLAMA, **json.loads(a.llama)}
    job_dir = a.job_dir or tempfile.mkdtemp(prefix="codejudge-smoke-")
    data = os.path.join(job_dir, "prompts.jsonl")
    os.makedirs(job_dir, exist_ok=True)
    with open(data, "w") as f:
        for i in range(16):
            f.write(json.dumps({"prompt": f"Write digits, round {i}: ", "problem_id": "smoke", "answer": "7"}) + "\n")
    model = {"name": "random-llama", "llama": llama} if use_llama else {"name": "tiny"}
    cfg = {"algo": "grpo-tinylora", "seed": 0, "model": model, "data": {"train": data}, "max_steps": steps,
           "tinylora": {"r": 2, "u": 64}, "optim": {"lr": 0.01, "schedule": "constant"},
           "grpo": {"num_generations": 8, "prompts_per_step": 4 if a.tiny else 8, "max_completion_length": max_new},
           "reward": {"url": a.reward_url} if a.reward_url else {"function": "digit_fraction"}}
    if torch.cuda.is_available():
        torch.cuda.reset_peak_memory_stats()
    job = Job(cfg, job_dir, default_adapter="tinylora")
    t0 = time.time()
    last = run_grpo(job)
    train_s = time.time() - t0
    rows = [json.loads(line) for line in open(os.path.join(job_dir, "metrics.jsonl"))]
    prompts = [job.tokenizer.encode(f"Write digits, round {i}: ", add_bos=True) for i in range(8)]
    repeats = 1
    merged, unmerged = merged_vs_unmerged(job, prompts, max_new, repeats)
    result = {
        "device": job.platform["device"], "gpu": job.platform.get("gpu"), "dtype": job.dtype,
        "attn_implementation": job.platform["attn_implementation"],
        "model": "random-init transformers Llama " + json.dumps(llama) if use_llama else "codejudge tiny model",
        "model_choice": model_choice, "transformers": transformers_version(),
        "parameters": sum(p.numel() for p in job.model.parameters()), "trainable": job.adapter.trainable_count(),
        "steps": steps, "train_wall_s": round(train_s, 2),
        "reward_source": "harness reward server " + a.reward_url if a.reward_url
        else "local stand-in function digit_fraction (no --reward-url)",
        "reward_mean_first": rows[0]["reward_mean"], "reward_mean_last": last["reward_mean"],
        "tokens_per_s_generation_in_training": sum(r["tokens_per_s_generation"] for r in rows) / len(rows),
        "tokens_per_s_train": sum(r["tokens_per_s_train"] for r in rows) / len(rows),
        "tokens_per_s_generation_merged": round(merged, 1), "tokens_per_s_generation_unmerged": round(unmerged, 1),
        **peak_memory(),
        "job_dir": job_dir,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
