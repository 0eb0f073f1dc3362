"""The GRPO loop: sample G completions per prompt (from merged TinyLoRA weights), score them with
the reward server, and take clipped-surrogate steps on group-normalised advantages."""
from __future__ import annotations

import copy
import time

import torch

from .grpo import aggregate, clipped_surrogate, group_advantages, k3_kl, role_baseline_advantages
from .job import Job, read_jsonl
from .models import disable_dropout
from .reward_source import make_reward_source, reward_items
from .rollout import make_batch, sample, token_logprobs

GRPO_DEFAULTS = {"num_generations": 8, "prompts_per_step": 4, "max_completion_length": 256, "temperature": 1.0,
                 "epsilon": 0.2, "epsilon_high": None, "beta": 0.0, "loss_type": "dapo", "scale_rewards": "group",
                 "num_iterations": 1, "mask_truncated_completions": False, "merge_for_generation": True,
                 "role_baseline_decay": None, "micro_batch": None, "disable_dropout": True}


def load_rl_prompts(job: Job) -> list[dict]:
    """This rank's share of the RL prompts in data.train (GRPO and PPO read the same file)."""
    path = job.config.get("data", {}).get("train")
    if not path:
        raise ValueError("data.train: the RL prompts (JSONL with prompt and problem_id or problem) are required")
    return read_jsonl(path)[job.rank:: job.world]


def pick_records(records: list[dict], step: int, n: int, seed: int) -> list[dict]:
    """The step's prompts, a pure function of the step (a resumed job sees the same ones)."""
    g = torch.Generator().manual_seed(seed * 7919 + step)
    idx = torch.randperm(len(records), generator=g)[:n].tolist() if n < len(records) else list(range(len(records)))
    return [records[i] for i in idx]


def part_factor(mask: torch.Tensor, loss_type: str) -> float:
    """What a micro-batch counts for the aggregation's denominator (rows with tokens, rows, tokens)."""
    if loss_type == "grpo":
        return float((mask.sum(-1) > 0).sum())
    if loss_type == "dr_grpo":
        return float(mask.shape[0])
    return float(mask.sum())


def loss_mask(batch, valid: torch.Tensor, mask_truncated: bool) -> torch.Tensor:
    """The tokens that enter the loss: completion tokens of samples with a reward, and, with
    overlong masking, only of samples that ended with EOS."""
    mask = batch.completion_mask * valid.to(batch.completion_mask.device)[:, None].float()
    if mask_truncated:
        mask = mask * (~batch.truncated).float()[:, None]
    return mask


class ReferencePolicy:
    """Log-probabilities under the reference: the base model with the adapter switched off
    (TinyLoRA), or a frozen copy of the initial weights (full fine-tuning)."""

    def __init__(self, job: Job, needed: bool):
        self.job = job
        self.copy = copy.deepcopy(job.model).eval() if needed and job.adapter is None else None
        for p in (self.copy.parameters() if self.copy else []):
            p.requires_grad_(False)

    @torch.no_grad()
    def logprobs(self, batch):
        if self.copy is not None:
            return token_logprobs(self.copy, batch)[0]
        self.job.adapter.set_enabled(False)
        try:
            return token_logprobs(self.job.model, batch)[0]
        finally:
            self.job.adapter.set_enabled(True)


def generate_group(job: Job, prompt_ids: list[list[int]], c: dict, merge: bool):
    job.model.eval()
    if merge and job.adapter is not None:
        job.adapter.merge()
    try:
        return sample(job.model, prompt_ids, int(c["max_completion_length"]), job.tokenizer.eos_token_id,
                      job.tokenizer.pad_token_id, float(c["temperature"]))
    finally:
        if merge and job.adapter is not None:
            job.adapter.unmerge()


def run_grpo(job: Job, reward_source=None) -> dict:
    c = {**GRPO_DEFAULTS, **job.config.get("grpo", {})}
    if c["loss_type"] not in ("grpo", "dr_grpo", "dapo"):
        raise ValueError(f"grpo.loss_type: expected grpo, dr_grpo or dapo, got {c['loss_type']!r}")
    if c["disable_dropout"]:
        disable_dropout(job.model)
    records = load_rl_prompts(job)
    rewards_src = reward_source or make_reward_source(job.config.get("reward", {}))
    G, L = int(c["num_generations"]), int(c["max_completion_length"])
    job.make_optimizer()
    step, extra = job.resume_if_any()
    baselines = extra.get("role_baselines", {})
    ref = ReferencePolicy(job, float(c["beta"]) > 0)
    tok = job.tokenizer
    last = {}
    while step < job.max_steps:
        chosen = pick_records(records, step, int(c["prompts_per_step"]), job.seed)
        expanded = [rec for rec in chosen for _ in range(G)]
        prompt_ids = [tok.encode(rec["prompt"], add_bos=True) for rec in expanded]
        t0 = time.time()
        completions = generate_group(job, prompt_ids, c, bool(c["merge_for_generation"]))
        t_gen = time.time() - t0
        batch = make_batch(prompt_ids, completions, tok.eos_token_id, tok.pad_token_id, L, job.device)
        texts = [tok.decode(ids) for ids in completions]
        groups = [i // G for i in range(len(expanded))]
        rewards = rewards_src.score(reward_items(expanded, texts, batch.truncated.tolist(), groups))
        if c["role_baseline_decay"] is not None:
            adv, valid = role_baseline_advantages(rewards, [r.get("role", "") for r in expanded], baselines,
                                                  float(c["role_baseline_decay"]))
            _, _, stats = group_advantages(rewards, G, "none")
        else:
            adv, valid, stats = group_advantages(rewards, G, c["scale_rewards"])
        adv = adv.to(job.device)
        mask = loss_mask(batch, valid, bool(c["mask_truncated_completions"]))
        ref_logp = ref.logprobs(batch) if float(c["beta"]) > 0 else None
        old_logp = None
        if int(c["num_iterations"]) > 1:
            with torch.no_grad():
                old_logp = token_logprobs(job.model, batch)[0]
        t1 = time.time()
        job.model.train()
        m = _train_on_batch(job, batch, adv, mask, old_logp, ref_logp, c)
        t_train = time.time() - t1
        step += 1
        n_gen = sum(len(x) for x in completions)
        last = {**stats, **m, "lr": job.lr(), "truncated_ratio": batch.truncated.float().mean().item(),
                "completion_length_mean": n_gen / len(completions), "tokens_per_s_generation": n_gen / max(t_gen, 1e-9),
                "tokens_per_s_train": int(batch.attention_mask.sum()) * int(c["num_iterations"]) / max(t_train, 1e-9),
                "reward_infra_errors": rewards_src.stats.infra_errors, "reward_timeouts": rewards_src.stats.timeouts,
                "reward_source": "server" if hasattr(rewards_src, "url") else "local-function"}
        if torch.cuda.is_available():
            last["gpu_memory_gib"] = torch.cuda.max_memory_allocated() / 2**30
        job.metrics.write(step, last)
        job.maybe_save(step, extra={"role_baselines": baselines})
    job.maybe_save(step, extra={"role_baselines": baselines}, force=True)
    return last


def _train_on_batch(job: Job, batch, adv, mask, old_logp, ref_logp, c) -> dict:
    L = int(c["max_completion_length"])
    B = batch.input_ids.shape[0]
    micro = int(c["micro_batch"] or job.platform["micro_batch"] or B)
    total = max(part_factor(mask, c["loss_type"]), 1.0)
    sums = {"loss": 0.0, "kl": 0.0, "clip": 0.0, "entropy": 0.0, "tokens": 0.0}
    grad_norm = 0.0
    for _ in range(int(c["num_iterations"])):
        for a in range(0, B, micro):
            sl = slice(a, a + micro)
            part = type(batch)(batch.input_ids[sl], batch.attention_mask[sl], batch.completion_mask[sl],
                               batch.truncated[sl], batch.completions[sl])
            pmask = mask[sl]
            logp, entropy, _ = token_logprobs(job.model, part, with_entropy=True)
            old = old_logp[sl] if old_logp is not None else logp.detach()
            per_tok, clipped = clipped_surrogate(logp, old, adv[sl], float(c["epsilon"]), c["epsilon_high"])
            if ref_logp is not None:
                kl = k3_kl(logp, ref_logp[sl])
                per_tok = per_tok + float(c["beta"]) * kl
                sums["kl"] += float((kl.detach() * pmask).sum())
            loss = aggregate(per_tok, pmask, c["loss_type"], L) * (part_factor(pmask, c["loss_type"]) / total)
            loss.backward()
            sums["loss"] += loss.item()
            sums["clip"] += float((clipped.float() * pmask).sum())
            sums["entropy"] += float((entropy.detach() * pmask).sum())
            sums["tokens"] += float(pmask.sum())
        grad_norm = job.step_optimizer()
    n = max(sums["tokens"], 1.0)
    iters = int(c["num_iterations"])
    return {"loss": sums["loss"] / iters, "kl": sums["kl"] / n, "clip_ratio": sums["clip"] / n,
            "entropy": sums["entropy"] / n, "grad_norm": grad_norm}
