"""What every job does around its training loop: seeds and determinism, the environment snapshot,
platform detection, the metrics JSONL, and the torchrun (DDP) process group."""
from __future__ import annotations

import importlib
import json
import os
import platform
import random
import subprocess
import sys
import time

import torch

METRICS_FILE = "metrics.jsonl"


def seed_everything(seed: int, deterministic: bool = False):
    random.seed(seed)
    try:
        import numpy as np

        np.random.seed(seed)
    except ImportError:
        pass
    torch.manual_seed(seed)
    if torch.cuda.is_available():
        torch.cuda.manual_seed_all(seed)
    if deterministic:
        # cuBLAS needs this workspace setting for deterministic matmuls.
        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
        torch.use_deterministic_algorithms(True)
        torch.backends.cudnn.benchmark = False


def rng_state() -> dict:
    state = {"python": random.getstate(), "torch": torch.get_rng_state()}
    try:
        import numpy as np

        state["numpy"] = np.random.get_state()
    except ImportError:
        pass
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state: dict):
    random.setstate(state["python"])
    torch.set_rng_state(state["torch"])
    if "numpy" in state:
        import numpy as np

        np.random.set_state(state["numpy"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


def detect_platform(micro_batch: int | None = None) -> dict:
    """GPU model and memory -> dtype, attention implementation and a default micro-batch."""
    if not torch.cuda.is_available():
        return {"device": "cpu", "gpu": None, "gpu_memory_gib": 0, "dtype": "float32", "attn_implementation": "eager",
                "micro_batch": micro_batch or 4}
    props = torch.cuda.get_device_properties(0)
    mem = props.total_memory / 2**30
    bf16 = torch.cuda.is_bf16_supported()
    try:
        importlib.import_module("flash_attn")
        attn = "flash_attention_2" if props.major >= 8 else "sdpa"
    except Exception:  # missing, or built against another torch/CUDA
        attn = "sdpa" if hasattr(torch.nn.functional, "scaled_dot_product_attention") else "eager"
    default_mb = 16 if mem >= 70 else 8 if mem >= 40 else 4 if mem >= 20 else 1
    return {"device": "cuda", "gpu": props.name, "gpu_memory_gib": round(mem, 1), "gpu_count": torch.cuda.device_count(),
            "dtype": "bfloat16" if bf16 else "float32", "attn_implementation": attn, "micro_batch": micro_batch or default_mb}


def environment_snapshot() -> dict:
    versions = {}
    for name in ("torch", "transformers", "peft", "accelerate", "safetensors", "numpy", "deepspeed", "bitsandbytes"):
        try:
            versions[name] = getattr(importlib.import_module(name), "__version__", "unknown")
        except ImportError:
            versions[name] = None
        except Exception as e:  # a broken install (CUDA mismatch...) is recorded, not fatal
            versions[name] = f"unimportable: {type(e).__name__}: {e}"[:200]
    try:
        sha = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5,
                             cwd=os.path.dirname(os.path.abspath(__file__))).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        sha = None
    return {"python": sys.version.split()[0], "platform": platform.platform(), "packages": versions, "git_sha": sha,
            "cuda": torch.version.cuda, "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
            "hostname": platform.node(), "argv": sys.argv, "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


class MetricsLog:
    """Appends one JSON object per line to JOB/metrics.jsonl (only rank 0 writes)."""

    def __init__(self, job_dir: str, enabled: bool = True):
        self.path = os.path.join(job_dir, METRICS_FILE)
        self.enabled = enabled

    def write(self, step: int, metrics: dict):
        if not self.enabled:
            return
        row = {"step": step, "time": round(time.time(), 3), **{k: _plain(v) for k, v in metrics.items()}}
        with open(self.path, "a") as f:
            f.write(json.dumps(row) + "\n")


def _plain(v):
    if isinstance(v, torch.Tensor):
        return v.item()
    if isinstance(v, float) and v != v:
        return None  # NaN is not JSON
    return v


def init_distributed() -> tuple[int, int]:
    """Under torchrun (WORLD_SIZE > 1) joins the process group; returns (rank, world_size)."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world <= 1:
        return 0, 1
    import torch.distributed as dist

    if not dist.is_initialized():
        backend = "nccl" if torch.cuda.is_available() else "gloo"
        if torch.cuda.is_available():
            torch.cuda.set_device(int(os.environ.get("LOCAL_RANK", "0")))
        dist.init_process_group(backend=backend)
    return dist.get_rank(), dist.get_world_size()


def average_gradients(params, world: int):
    """DDP's gradient all-reduce, done by hand so generation can call the bare module."""
    if world <= 1:
        return
    import torch.distributed as dist

    for p in params:
        if p.grad is not None:
            dist.all_reduce(p.grad, op=dist.ReduceOp.SUM)
            p.grad /= world


def write_json(path: str, data: dict):
    with open(path, "w") as f:
        json.dump(data, f, indent=2, default=str)
