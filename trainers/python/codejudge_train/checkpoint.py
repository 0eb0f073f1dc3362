"""Checkpoints in JOB/checkpoints/step-NNNNNN/: the trained weights (TinyLoRA: v and its rebuild
metadata only; full: the model's state dict), plus the optimizer, scheduler, RNG states and step, so
a requeued job continues exactly. JOB/checkpoints/latest names the last complete one."""
from __future__ import annotations

import os

import torch

from .files import load_file
from .runtime import rng_state, set_rng_state


def checkpoint_dir(job_dir: str) -> str:
    return os.path.join(job_dir, "checkpoints")


def save_checkpoint(job_dir: str, step: int, model, adapter, optimizer, scheduler, modules: dict | None = None,
                    extra: dict | None = None, model_id: str = "", dtype: str = "") -> str:
    path = os.path.join(checkpoint_dir(job_dir), f"step-{step:06d}")
    os.makedirs(path, exist_ok=True)
    if adapter is not None:
        adapter.save(os.path.join(path, "adapter.pt"), model_id=model_id, dtype=dtype)
    else:
        torch.save(model.state_dict(), os.path.join(path, "model.pt"))
    torch.save({"step": step, "optimizer": optimizer.state_dict(), "scheduler": scheduler.state_dict(),
                "rng": rng_state(), "modules": {k: m.state_dict() for k, m in (modules or {}).items()},
                "extra": extra or {}}, os.path.join(path, "trainer_state.pt"))
    # The pointer is written last and renamed into place: a job killed mid-save resumes from the previous one.
    tmp = os.path.join(checkpoint_dir(job_dir), "latest.tmp")
    with open(tmp, "w") as f:
        f.write(os.path.basename(path))
    os.replace(tmp, os.path.join(checkpoint_dir(job_dir), "latest"))
    return path


def latest_checkpoint(job_dir: str) -> str | None:
    pointer = os.path.join(checkpoint_dir(job_dir), "latest")
    if not os.path.exists(pointer):
        return None
    with open(pointer) as f:
        return os.path.join(checkpoint_dir(job_dir), f.read().strip())


def resume(path: str, model, adapter, optimizer, scheduler, modules: dict | None = None) -> tuple[int, dict]:
    """Loads a checkpoint into the live objects; returns (step, extra)."""
    if adapter is not None:
        saved = load_file(os.path.join(path, "adapter.pt"))
        adapter.load_vectors(saved["v"])
    else:
        model.load_state_dict(load_file(os.path.join(path, "model.pt")))
    state = load_file(os.path.join(path, "trainer_state.pt"))
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    for k, m in (modules or {}).items():
        m.load_state_dict(state["modules"][k])
    set_rng_state(state["rng"])
    return state["step"], state["extra"]
