"""A training job: its folder, configuration, model, optimizer and schedule, checkpoints and
metrics. The three algorithms run their loops on top of this."""
from __future__ import annotations

import json
import math
import os

import torch

from .checkpoint import latest_checkpoint, resume, save_checkpoint
from .models import build_adapter, load_model
from .runtime import MetricsLog, detect_platform, environment_snapshot, init_distributed, seed_everything, write_json

OPTIM_DEFAULTS = {"lr": 1e-5, "weight_decay": 0.0, "betas": [0.9, 0.999], "warmup_steps": 0, "schedule": "cosine",
                  "min_lr_ratio": 0.0, "max_grad_norm": 1.0}


def load_config(path: str) -> dict:
    """JSON, or YAML where PyYAML is installed. Relative data paths resolve against the file."""
    with open(path) as f:
        text = f.read()
    if path.endswith((".yaml", ".yml")):
        try:
            import yaml
        except ImportError as e:
            raise RuntimeError(f"{path}: YAML configs need PyYAML; give the resolved JSON instead") from e
        cfg = yaml.safe_load(text)
    else:
        try:
            cfg = json.loads(text)
        except json.JSONDecodeError as e:
            raise ValueError(f"{path}:{e.lineno}: invalid JSON ({e.msg})") from e
    if not isinstance(cfg, dict):
        raise ValueError(f"{path}: the config must be a mapping")
    base = os.path.dirname(os.path.abspath(path))
    data = cfg.get("data", {})
    for key in ("train", "eval"):
        if isinstance(data.get(key), str) and not os.path.isabs(data[key]):
            data[key] = os.path.join(base, data[key])
    return cfg


def cosine_with_warmup(warmup: int, total: int, min_ratio: float = 0.0):
    """Linear warmup to the peak, then cosine decay to min_ratio x peak at `total` steps."""
    def factor(step: int) -> float:
        if warmup > 0 and step < warmup:
            return (step + 1) / warmup
        progress = min(1.0, (step - warmup) / max(1, total - warmup))
        return min_ratio + (1 - min_ratio) * 0.5 * (1 + math.cos(math.pi * progress))
    return factor


def read_jsonl(path: str) -> list[dict]:
    rows = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise ValueError(f"{path}:{n}: invalid JSON ({e.msg})") from e
    if not rows:
        raise ValueError(f"{path}: no records")
    return rows


class Job:
    def __init__(self, config: dict, job_dir: str, default_adapter: str = "full"):
        self.config = config
        self.job_dir = job_dir
        os.makedirs(job_dir, exist_ok=True)
        self.rank, self.world = init_distributed()
        self.seed = int(config.get("seed", 0))
        seed_everything(self.seed + self.rank, bool(config.get("deterministic", False)))
        self.platform = detect_platform(config.get("micro_batch"))
        self.max_steps = int(config.get("max_steps", 100))
        self.save_every = int(config.get("save_every", 0))
        # The harness evaluates the policy every N steps from checkpoints, so those steps are saved too.
        self.eval_every = int(config.get("eval_every", 0))
        # {prompts, n, max_new_tokens, temperature, initial}: the job samples its policy for the harness to judge.
        self.eval = config.get("eval") if isinstance(config.get("eval"), dict) else None
        self.sampled_steps: set[int] = set()
        model_cfg = config.get("model", {"name": "tiny"})
        self.model_id = model_cfg.get("name", "tiny")
        self.model, self.tokenizer, self.dtype = load_model(model_cfg, self.platform)
        self.adapter, params = build_adapter(self.model, {"adapter": config.get("adapter", default_adapter),
                                                          "tinylora": config.get("tinylora", {})})
        self.params = [p for p in params if p.requires_grad]
        self.device = self.platform["device"]
        self.metrics = MetricsLog(job_dir, enabled=self.rank == 0)
        if self.rank == 0:
            write_json(os.path.join(job_dir, "platform.json"), self.platform)
            write_json(os.path.join(job_dir, "environment.json"), environment_snapshot())
            write_json(os.path.join(job_dir, "config.resolved.json"), config)

    def make_optimizer(self, extra_params=()):
        o = {**OPTIM_DEFAULTS, **self.config.get("optim", {})}
        params = self.params + list(extra_params)
        self.max_grad_norm = float(o["max_grad_norm"])
        self.optimizer = torch.optim.AdamW(params, lr=float(o["lr"]), betas=tuple(o["betas"]),
                                           weight_decay=float(o["weight_decay"]))
        if o["schedule"] == "cosine":
            factor = cosine_with_warmup(int(o["warmup_steps"]), self.max_steps, float(o["min_lr_ratio"]))
        elif o["schedule"] == "constant":
            factor = lambda step: min(1.0, (step + 1) / max(1, int(o["warmup_steps"])))
        else:
            raise ValueError(f"optim.schedule: expected cosine or constant, got {o['schedule']!r}")
        self.scheduler = torch.optim.lr_scheduler.LambdaLR(self.optimizer, factor)
        self.trained_params = params

    def resume_if_any(self, modules: dict | None = None) -> tuple[int, dict]:
        path = latest_checkpoint(self.job_dir)
        if path is None:
            if self.eval and self.eval.get("initial", True):
                self.sample_for_eval(0)
            return 0, {}
        return resume(path, self.model, self.adapter, self.optimizer, self.scheduler, modules)

    def step_optimizer(self, schedule: bool = True) -> float:
        from .runtime import average_gradients

        average_gradients(self.trained_params, self.world)
        norm = torch.nn.utils.clip_grad_norm_(self.trained_params, self.max_grad_norm)
        self.optimizer.step()
        if schedule:
            self.scheduler.step()
        self.optimizer.zero_grad(set_to_none=True)
        return float(norm)

    def maybe_save(self, step: int, modules: dict | None = None, extra: dict | None = None, force: bool = False):
        if self.rank != 0:
            return
        if force or (self.save_every and step % self.save_every == 0) or (self.eval_every and step % self.eval_every == 0):
            save_checkpoint(self.job_dir, step, self.model, self.adapter, self.optimizer, self.scheduler, modules,
                            extra, model_id=self.model_id, dtype=self.dtype)
        if self.eval and (force or (self.eval_every and step % self.eval_every == 0)):
            self.sample_for_eval(step)

    def sample_for_eval(self, step: int):
        """Writes JOB/eval/samples-step-N.jsonl from the policy in memory (on the job's own device),
        which the harness judges into a run. Its own seeded RNG stream: the training stream, and so
        an exact resume, is untouched."""
        # The last step is saved twice (in the loop and forced at the end): sample it once.
        if self.rank != 0 or step in self.sampled_steps:
            return
        self.sampled_steps.add(step)
        from .generate import read_prompt_records, write_samples

        e = self.eval
        os.makedirs(os.path.join(self.job_dir, "eval"), exist_ok=True)
        name = f"codejudge_train:{os.path.basename(os.path.normpath(self.job_dir))}/step-{step:06d}"
        was_training = self.model.training
        self.model.eval()
        devices = [torch.cuda.current_device()] if torch.cuda.is_available() else []
        with torch.random.fork_rng(devices=devices), torch.no_grad():
            torch.manual_seed(self.seed + step)
            write_samples(self.model, self.tokenizer, read_prompt_records(e["prompts"]),
                          os.path.join(self.job_dir, "eval", f"samples-step-{step}.jsonl"), name, int(e.get("n", 1)),
                          int(e.get("max_new_tokens", 256)), float(e.get("temperature", 1.0)))
        self.model.train(was_training)

    def lr(self) -> float:
        return self.scheduler.get_last_lr()[0]
