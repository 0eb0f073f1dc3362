"""Samples from a job's checkpoint into a harness samples file (`problem_id`, `completion`,
`truncated`), so `bun run eval --samples` judges the policy at that step. TinyLoRA checkpoints are
rebuilt on the base model from their metadata and generated from merged weights."""
from __future__ import annotations

import json
import os

import torch

from .checkpoint import latest_checkpoint
from .files import load_file
from .job import read_jsonl
from .models import load_model
from .rollout import sample
from .runtime import detect_platform
from .tinylora import TinyLoRA


def load_policy(job_dir: str, checkpoint: str | None = None):
    """(model, tokenizer, checkpoint path) for a job's checkpoint (the latest by default); checkpoint
    "base" is the policy before training (the configured model, no trained weights)."""
    resolved = os.path.join(job_dir, "config.resolved.json")
    # The base policy is evaluated before the job has started, when only config.json exists.
    with open(resolved if os.path.exists(resolved) else os.path.join(job_dir, "config.json")) as f:
        cfg = json.load(f)
    if checkpoint == "base":
        model, tok, _ = load_model(cfg.get("model", {"name": "tiny"}), detect_platform())
        return model.eval(), tok, "base"
    path = checkpoint or latest_checkpoint(job_dir)
    if path is None:
        raise ValueError(f"{job_dir}: no checkpoint (checkpoints/latest is missing)")
    model, tok, _ = load_model(cfg.get("model", {"name": "tiny"}), detect_platform())
    if os.path.exists(os.path.join(path, "adapter.pt")):
        TinyLoRA.from_state(model, load_file(os.path.join(path, "adapter.pt"))).merge()
    elif os.path.exists(os.path.join(path, "model.pt")):
        model.load_state_dict(load_file(os.path.join(path, "model.pt")))
    else:
        raise ValueError(f"{path}: neither adapter.pt nor model.pt")
    return model.eval(), tok, path


def generate_samples(job_dir: str, prompts_file: str, out_file: str, n: int = 1, max_new_tokens: int = 256,
                     temperature: float = 0.0, batch: int = 16, checkpoint: str | None = None, seed: int = 0) -> int:
    model, tok, path = load_policy(job_dir, checkpoint)
    torch.manual_seed(seed)
    name = f"codejudge_train:{os.path.basename(os.path.normpath(job_dir))}/{os.path.basename(path)}"
    return write_samples(model, tok, read_prompt_records(prompts_file), out_file, name, n, max_new_tokens, temperature,
                         batch)


def read_prompt_records(path: str) -> list[dict]:
    """Prompt records for a samples file: each needs a string `prompt` and the `problem_id` the
    harness judges it against; a record without them is refused naming the file and record."""
    records = read_jsonl(path)
    for i, rec in enumerate(records, 1):
        for field in ("prompt", "problem_id"):
            if not isinstance(rec, dict) or not isinstance(rec.get(field), str):
                raise ValueError(f"{path}: record {i}: `{field}` must be a string (the harness judges samples by problem_id)")
    return records


def write_samples(model, tok, prompts: list[dict], out_file: str, name: str, n: int, max_new_tokens: int,
                  temperature: float, batch: int = 16) -> int:
    """Samples n completions per prompt record from `model` as it is into a harness samples file;
    written beside and renamed into place, so a reader never sees half a file."""
    records = [rec for rec in prompts for _ in range(n)]
    tmp = out_file + ".tmp"
    with open(tmp, "w") as f:
        for start in range(0, len(records), batch):
            chunk = records[start: start + batch]
            ids = [tok.encode(rec["prompt"], add_bos=True) for rec in chunk]
            outs = sample(model, ids, max_new_tokens, tok.eos_token_id, tok.pad_token_id, temperature)
            for rec, out in zip(chunk, outs):
                # The prompt rides along, so kept samples are SFT records as they stand (expert iteration).
                row = {"problem_id": rec["problem_id"], "prompt": rec["prompt"], "completion": tok.decode(out), "model": name,
                       "truncated": len(out) >= max_new_tokens and (not out or out[-1] != tok.eos_token_id)}
                if rec.get("language"):
                    row["language"] = rec["language"]
                f.write(json.dumps(row) + "\n")
    os.replace(tmp, out_file)
    return len(records)
