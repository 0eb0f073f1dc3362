"""GRPO's arithmetic: group-normalised advantages with null rewards excluded, the clipped surrogate
with an optional KL term, and the three loss aggregations. Kept apart from the loop so the tests
can check each against hand-computed values."""
from __future__ import annotations

import math

import torch


def group_advantages(rewards: list[float | None], group_size: int, scale_rewards: str = "group",
                     eps: float = 1e-4) -> tuple[torch.Tensor, torch.Tensor, dict]:
    """Advantages for rewards laid out as consecutive groups of `group_size`.

    A null reward (the server could not judge the sample) is left out of its group's mean and std
    and gets advantage 0 and valid=False, so it never counts as a 0 reward. std is the unbiased
    (n-1) estimate, as TRL computes it; a group with fewer than two rewards has std 0.
    Returns (advantages, valid mask, stats)."""
    if scale_rewards not in ("group", "batch", "none"):
        raise ValueError(f"grpo.scale_rewards: expected group, batch or none, got {scale_rewards!r}")
    if len(rewards) % group_size:
        raise ValueError(f"grpo: {len(rewards)} rewards do not split into groups of {group_size}")
    valid = torch.tensor([r is not None for r in rewards])
    r = torch.tensor([float(x) if x is not None else 0.0 for x in rewards])
    adv = torch.zeros_like(r)
    zero_std_groups, counted_groups = 0, 0
    group_std = torch.zeros_like(r)
    for g in range(0, len(rewards), group_size):
        sl = slice(g, g + group_size)
        vals = r[sl][valid[sl]]
        if len(vals) == 0:
            continue
        counted_groups += 1
        mean = vals.mean()
        std = vals.std() if len(vals) > 1 else torch.tensor(0.0)
        zero_std_groups += int(std.item() == 0.0)
        adv[sl] = torch.where(valid[sl], r[sl] - mean, torch.zeros_like(r[sl]))
        group_std[sl] = std
    ok = r[valid]
    if scale_rewards == "group":
        # A group whose rewards are all equal has advantages 0 already; dividing would give 0/0 at eps=0.
        adv = torch.where(group_std > 0, adv / (group_std + eps), adv)
    elif scale_rewards == "batch" and len(ok) > 1:
        adv = adv / (ok.std() + eps)
    adv = torch.where(valid, adv, torch.zeros_like(adv))
    stats = {
        "reward_mean": ok.mean().item() if len(ok) else math.nan,
        "reward_std": ok.std().item() if len(ok) > 1 else 0.0,
        "frac_reward_zero_std": zero_std_groups / counted_groups if counted_groups else 0.0,
        "reward_null_frac": 1.0 - (len(ok) / len(rewards)),
    }
    return adv, valid, stats


def role_baseline_advantages(rewards: list[float | None], roles: list[str], baselines: dict,
                             decay: float) -> tuple[torch.Tensor, torch.Tensor]:
    """SPIRAL's role-conditioned advantage estimation: each role keeps an exponential moving average
    of its rewards as baseline (two-player self-play, where one player's win is the other's loss)."""
    valid = torch.tensor([r is not None for r in rewards])
    adv = torch.zeros(len(rewards))
    for role in sorted(set(roles)):
        vals = [r for r, ro in zip(rewards, roles) if ro == role and r is not None]
        if not vals:
            continue
        base = baselines.get(role, sum(vals) / len(vals))
        baselines[role] = decay * base + (1 - decay) * (sum(vals) / len(vals))
        for i, (r, ro) in enumerate(zip(rewards, roles)):
            if ro == role and r is not None:
                adv[i] = r - baselines[role]
    return adv, valid


def clipped_surrogate(logp: torch.Tensor, old_logp: torch.Tensor, advantages: torch.Tensor,
                      epsilon: float, epsilon_high: float | None = None):
    """Per-token PPO-clip loss -min(ratio*A, clip(ratio, 1-eps, 1+eps_high)*A) and where clipping
    was active. advantages: (B,) broadcast over tokens, or (B, T)."""
    eps_high = epsilon if epsilon_high is None else epsilon_high
    ratio = torch.exp(logp - old_logp)
    a = advantages[:, None] if advantages.dim() == 1 else advantages
    clipped_ratio = torch.clamp(ratio, 1 - epsilon, 1 + eps_high)
    loss = -torch.min(ratio * a, clipped_ratio * a)
    is_clipped = ((ratio < 1 - epsilon) & (a < 0)) | ((ratio > 1 + eps_high) & (a > 0))
    return loss, is_clipped


def k3_kl(logp: torch.Tensor, ref_logp: torch.Tensor) -> torch.Tensor:
    """The k3 estimator of KL(pi || ref) per token: exp(ref - logp) - (ref - logp) - 1 (>= 0)."""
    d = ref_logp - logp
    return torch.exp(d) - d - 1


def aggregate(per_token: torch.Tensor, mask: torch.Tensor, loss_type: str, max_completion_length: int) -> torch.Tensor:
    """grpo: mean over each sequence's tokens, then over sequences (DeepSeekMath).
    dr_grpo: sum over tokens / (sequences x max_completion_length) (Dr. GRPO, no length bias).
    dapo: sum over tokens / number of tokens in the batch (DAPO's token-level mean)."""
    mask = mask.float()
    if loss_type == "grpo":
        per_seq = (per_token * mask).sum(-1) / mask.sum(-1).clamp(min=1)
        rows = (mask.sum(-1) > 0).float()
        return (per_seq * rows).sum() / rows.sum().clamp(min=1)
    if loss_type == "dr_grpo":
        return (per_token * mask).sum() / (per_token.shape[0] * max_completion_length)
    if loss_type == "dapo":
        return (per_token * mask).sum() / mask.sum().clamp(min=1)
    raise ValueError(f"grpo.loss_type: expected grpo, dr_grpo or dapo, got {loss_type!r}")


def masked_mean(x: torch.Tensor, mask: torch.Tensor) -> float:
    m = mask.float()
    return ((x * m).sum() / m.sum().clamp(min=1)).item()
