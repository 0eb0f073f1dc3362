"""The PPO actor-critic loop: one rollout per step, a value head on the policy's last hidden
state, GAE, then `ppo_epochs` passes over shuffled mini-batches."""
from __future__ import annotations

import time

import torch
import torch.nn.functional as F

from .grpo import clipped_surrogate
from .grpo_trainer import ReferencePolicy, generate_group, load_rl_prompts, pick_records
from .job import Job
from .models import disable_dropout
from .ppo import KLController, gae, token_rewards, value_loss, whiten
from .reward_source import make_reward_source, reward_items
from .rollout import make_batch, token_logprobs

PPO_DEFAULTS = {"prompts_per_step": 8, "samples_per_prompt": 1, "max_completion_length": 256, "temperature": 1.0,
                "ppo_epochs": 4, "mini_batch_size": 4, "gamma": 1.0, "lam": 0.95, "cliprange": 0.2,
                "cliprange_value": 0.2, "vf_coef": 0.1, "kl_coef": 0.05, "kl_ctl": "fixed", "target_kl": 6.0,
                "kl_horizon": 10000, "whiten_advantages": True, "merge_for_generation": True, "disable_dropout": True}


class ValueHead(torch.nn.Module):
    """A linear value head (fp32) on the policy's final hidden state."""

    def __init__(self, hidden: int):
        super().__init__()
        self.head = torch.nn.Linear(hidden, 1)
        torch.nn.init.zeros_(self.head.weight)
        torch.nn.init.zeros_(self.head.bias)

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        # values[t] is the value of the state that emits token t, i.e. of the prefix x_<t.
        return F.pad(self.head(hidden[:, :-1].float()).squeeze(-1), (1, 0))


def hidden_size(model) -> int:
    return int(getattr(model.config, "hidden_size"))


def run_ppo(job: Job, reward_source=None) -> dict:
    c = {**PPO_DEFAULTS, **job.config.get("ppo", {})}
    if c["disable_dropout"]:
        disable_dropout(job.model)
    records = load_rl_prompts(job)
    rewards_src = reward_source or make_reward_source(job.config.get("reward", {}))
    vhead = ValueHead(hidden_size(job.model)).to(job.device)
    job.make_optimizer(vhead.parameters())
    step, extra = job.resume_if_any({"value_head": vhead})
    klc = KLController(float(extra.get("kl_coef", c["kl_coef"])), c["kl_ctl"], float(c["target_kl"]), int(c["kl_horizon"]))
    ref = ReferencePolicy(job, True)
    tok, L = job.tokenizer, int(c["max_completion_length"])
    last = {}
    while step < job.max_steps:
        chosen = pick_records(records, step, int(c["prompts_per_step"]), job.seed)
        expanded = [rec for rec in chosen for _ in range(int(c["samples_per_prompt"]))]
        prompt_ids = [tok.encode(rec["prompt"], add_bos=True) for rec in expanded]
        t0 = time.time()
        completions = generate_group(job, prompt_ids, {**c, "max_completion_length": L}, bool(c["merge_for_generation"]))
        t_gen = time.time() - t0
        batch = make_batch(prompt_ids, completions, tok.eos_token_id, tok.pad_token_id, L, job.device)
        texts = [tok.decode(ids) for ids in completions]
        scores_raw = rewards_src.score(reward_items(expanded, texts, batch.truncated.tolist(), list(range(len(expanded)))))
        valid = torch.tensor([s is not None for s in scores_raw], device=job.device)
        scores = torch.tensor([float(s) if s is not None else 0.0 for s in scores_raw], device=job.device)
        mask = batch.completion_mask * valid[:, None].float()
        with torch.no_grad():
            job.model.eval()
            old_logp, _, hidden = token_logprobs(job.model, batch, with_hidden=True)
            old_values = vhead(hidden) * mask
            ref_logp = ref.logprobs(batch)
            rewards, kl = token_rewards(scores, old_logp, ref_logp, mask, klc.value)
            adv, returns = gae(rewards, old_values, mask, float(c["gamma"]), float(c["lam"]))
            if c["whiten_advantages"]:
                adv = whiten(adv, mask)
        job.model.train()
        t1 = time.time()
        m = _ppo_epochs(job, vhead, batch, mask, old_logp, old_values, adv, returns, c)
        t_train = time.time() - t1
        job.scheduler.step()
        mean_kl = float((kl.sum(-1)).sum() / valid.float().sum().clamp(min=1))
        klc.update(mean_kl, len(expanded))
        step += 1
        ok = scores[valid]
        n_gen = sum(len(x) for x in completions)
        last = {**m, "reward_mean": ok.mean().item() if len(ok) else None, "reward_std": ok.std().item() if len(ok) > 1 else 0.0,
                "reward_null_frac": 1 - float(valid.float().mean()), "kl": mean_kl, "kl_coef": klc.value, "lr": job.lr(),
                "returns_mean": float((returns * mask).sum() / mask.sum().clamp(min=1)),
                "truncated_ratio": batch.truncated.float().mean().item(), "tokens_per_s_generation": n_gen / max(t_gen, 1e-9),
                "tokens_per_s_train": int(batch.attention_mask.sum()) * int(c["ppo_epochs"]) / max(t_train, 1e-9)}
        job.metrics.write(step, last)
        job.maybe_save(step, {"value_head": vhead}, extra={"kl_coef": klc.value})
    job.maybe_save(step, {"value_head": vhead}, extra={"kl_coef": klc.value}, force=True)
    return last


def _ppo_epochs(job, vhead, batch, mask, old_logp, old_values, adv, returns, c) -> dict:
    B = batch.input_ids.shape[0]
    mb = int(c["mini_batch_size"])
    sums = {"policy_loss": 0.0, "value_loss": 0.0, "clip_ratio": 0.0, "value_clip_ratio": 0.0, "entropy": 0.0}
    n = 0
    for _ in range(int(c["ppo_epochs"])):
        for idx in torch.randperm(B).split(mb):
            idx = idx.to(job.device)
            part = type(batch)(batch.input_ids[idx], batch.attention_mask[idx], batch.completion_mask[idx],
                               batch.truncated[idx], [batch.completions[i] for i in idx.tolist()])
            pm = mask[idx]
            if pm.sum() == 0:
                continue
            logp, entropy, hidden = token_logprobs(job.model, part, with_entropy=True, with_hidden=True)
            per_tok, clipped = clipped_surrogate(logp, old_logp[idx], adv[idx], float(c["cliprange"]))
            pg = (per_tok * pm).sum() / pm.sum()
            vl, vclip = value_loss(vhead(hidden), old_values[idx], returns[idx], pm, float(c["cliprange_value"]))
            loss = pg + float(c["vf_coef"]) * vl
            loss.backward()
            job.step_optimizer(schedule=False)
            sums["policy_loss"] += pg.item()
            sums["value_loss"] += vl.item()
            sums["clip_ratio"] += float((clipped.float() * pm).sum() / pm.sum())
            sums["value_clip_ratio"] += vclip
            sums["entropy"] += float((entropy.detach() * pm).sum() / pm.sum())
            n += 1
    out = {k: v / max(n, 1) for k, v in sums.items()}
    out["loss"] = out["policy_loss"] + float(c["vf_coef"]) * out["value_loss"]
    return out
