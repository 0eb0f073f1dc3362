"""The command line the TypeScript adapters call:

    python3 -m codejudge_train train --algo grpo-tinylora --config FILE --job-dir DIR [--reward-url URL]
    python3 -m codejudge_train consolidate --job-dir DIR [--checkpoint DIR] --out DIR
    python3 -m codejudge_train generate --job-dir DIR --prompts FILE --out SAMPLES.jsonl [--n N] [--temperature T]
    python3 -m codejudge_train platform

`train` resumes from JOB/checkpoints/latest when present, writes JOB/metrics.jsonl, and ends with
JOB/result.json and the same JSON as its last stdout line."""
from __future__ import annotations

import argparse
import json
import os
import sys

ALGOS = {"sft-reweight": "full", "grpo-tinylora": "tinylora", "grpo": "full", "ppo": "full"}


def check_sections(cfg: dict, path: str):
    """A misspelt key in an algorithm section would silently fall back to its default: refuse it,
    as the TypeScript adapters' strict schemas do (the key sets are the same)."""
    from dataclasses import fields

    from .grpo_trainer import GRPO_DEFAULTS
    from .job import OPTIM_DEFAULTS
    from .ppo_trainer import PPO_DEFAULTS
    from .sft import SFT_DEFAULTS
    from .tinylora import TinyLoRAConfig

    known = {"optim": set(OPTIM_DEFAULTS), "grpo": set(GRPO_DEFAULTS), "ppo": set(PPO_DEFAULTS), "sft": set(SFT_DEFAULTS),
             "tinylora": {f.name for f in fields(TinyLoRAConfig)}}
    for name, keys in known.items():
        section = cfg.get(name, {})
        if not isinstance(section, dict):
            raise SystemExit(f"{path}: {name}: expected a mapping, got {type(section).__name__}")
        for key in section:
            if key not in keys:
                raise SystemExit(f"{path}: {name}.{key}: unknown key (known: {', '.join(sorted(keys))})")


def train(args) -> int:
    from .job import Job, load_config

    cfg = load_config(args.config)
    if args.reward_url:
        cfg.setdefault("reward", {})["url"] = args.reward_url
    if args.max_steps is not None:
        cfg["max_steps"] = args.max_steps
    algo = args.algo or cfg.get("algo")
    if algo not in ALGOS:
        raise SystemExit(f"{args.config}: algo must be one of {', '.join(ALGOS)} (got {algo!r})")
    cfg["algo"] = algo
    check_sections(cfg, args.config)
    job = Job(cfg, args.job_dir, default_adapter=ALGOS[algo])
    if algo == "sft-reweight":
        from .sft import run_sft as run
    elif algo == "ppo":
        from .ppo_trainer import run_ppo as run
    else:
        from .grpo_trainer import run_grpo as run
    last = run(job)
    result = {"status": "completed", "algo": algo, "steps": job.max_steps, "final": last,
              "trainable_parameters": sum(p.numel() for p in job.trained_params)}
    if job.rank == 0:
        with open(os.path.join(args.job_dir, "result.json"), "w") as f:
            json.dump(result, f, indent=2, default=str)
        print(json.dumps(result, default=str))
    return 0


def consolidate_cmd(args) -> int:
    from .checkpoint import latest_checkpoint
    from .consolidate import consolidate
    from .models import load_model

    with open(os.path.join(args.job_dir, "config.resolved.json")) as f:
        cfg = json.load(f)
    src = args.checkpoint or latest_checkpoint(args.job_dir)
    if src is None:
        raise SystemExit(f"{args.job_dir}: no checkpoint to consolidate")
    cpu = {"device": "cpu", "dtype": "float32", "attn_implementation": "eager", "micro_batch": 1}

    def build_base():
        return load_model(cfg.get("model", {"name": "tiny"}), cpu)[0]

    model_config = build_base().config
    as_dict = model_config.to_dict() if hasattr(model_config, "to_dict") else dict(vars(model_config))
    if cfg.get("model", {}).get("name", "tiny") == "tiny":
        as_dict["model_type"] = "codejudge-tiny"
    info = consolidate(src, args.out, as_dict, build_base)
    print(json.dumps(info))
    return 0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="codejudge_train")
    sub = p.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train")
    t.add_argument("--algo", choices=sorted(ALGOS))
    t.add_argument("--config", required=True)
    t.add_argument("--job-dir", required=True)
    t.add_argument("--reward-url")
    t.add_argument("--max-steps", type=int)
    c = sub.add_parser("consolidate")
    c.add_argument("--job-dir", required=True)
    c.add_argument("--checkpoint")
    c.add_argument("--out", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--job-dir", required=True)
    g.add_argument("--checkpoint")
    g.add_argument("--prompts", required=True)
    g.add_argument("--out", required=True)
    g.add_argument("--n", type=int, default=1)
    g.add_argument("--max-new-tokens", type=int, default=256)
    g.add_argument("--temperature", type=float, default=0.0)
    g.add_argument("--batch", type=int, default=16)
    sub.add_parser("platform")
    args = p.parse_args(argv)
    if args.cmd == "train":
        return train(args)
    if args.cmd == "consolidate":
        return consolidate_cmd(args)
    if args.cmd == "generate":
        from .generate import generate_samples

        count = generate_samples(args.job_dir, args.prompts, args.out, args.n, args.max_new_tokens, args.temperature,
                                 args.batch, args.checkpoint)
        print(json.dumps({"samples": count, "out": args.out}))
        return 0
    from .runtime import detect_platform, environment_snapshot

    print(json.dumps({"platform": detect_platform(), "environment": environment_snapshot()}, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
