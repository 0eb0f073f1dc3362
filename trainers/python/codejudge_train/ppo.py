"""PPO's arithmetic (Schulman et al. 2017; Ziegler et al. 2019 for the KL controller): GAE, the
clipped value loss, per-token rewards with the score at the last token, and the KL coefficient."""
from __future__ import annotations

import torch


def gae(rewards: torch.Tensor, values: torch.Tensor, mask: torch.Tensor, gamma: float, lam: float):
    """Generalised advantage estimation over each row's contiguous run of mask==1 positions.
    The value after the last token is 0 (the episode ends). Returns (advantages, returns)."""
    B, T = rewards.shape
    mask = mask.float()
    adv = torch.zeros_like(rewards)
    last = torch.zeros(B, dtype=rewards.dtype, device=rewards.device)
    for t in reversed(range(T)):
        nxt_mask = mask[:, t + 1] if t + 1 < T else torch.zeros_like(last)
        next_v = values[:, t + 1] * nxt_mask if t + 1 < T else torch.zeros_like(last)
        delta = rewards[:, t] + gamma * next_v - values[:, t]
        last = delta + gamma * lam * nxt_mask * last
        adv[:, t] = last * mask[:, t]
    return adv, (adv + values) * mask


def token_rewards(scores: torch.Tensor, logp: torch.Tensor, ref_logp: torch.Tensor | None, mask: torch.Tensor,
                  kl_coef: float) -> tuple[torch.Tensor, torch.Tensor]:
    """-kl_coef * (logp - ref_logp) on every completion token, plus the sample's score on its last
    token (TRL's and verl's layout). Returns (rewards, per-token kl)."""
    mask = mask.float()
    kl = (logp - ref_logp) * mask if ref_logp is not None else torch.zeros_like(logp)
    r = -kl_coef * kl
    positions = torch.arange(mask.shape[1], device=mask.device)[None].expand_as(mask)
    last = (positions * mask).argmax(-1)
    r[torch.arange(mask.shape[0]), last] += scores
    return r * mask, kl


def value_loss(values: torch.Tensor, old_values: torch.Tensor, returns: torch.Tensor, mask: torch.Tensor,
               cliprange_value: float) -> tuple[torch.Tensor, float]:
    """0.5 * masked mean of max((V - R)^2, (V_clipped - R)^2), V_clipped = V_old + clip(V - V_old).
    Returns (loss, fraction of tokens where the clipped term was larger)."""
    mask = mask.float()
    clipped = old_values + torch.clamp(values - old_values, -cliprange_value, cliprange_value)
    a, b = (values - returns) ** 2, (clipped - returns) ** 2
    n = mask.sum().clamp(min=1)
    return 0.5 * (torch.max(a, b) * mask).sum() / n, float(((b > a).float() * mask).sum() / n)


def whiten(x: torch.Tensor, mask: torch.Tensor, eps: float = 1e-8) -> torch.Tensor:
    mask = mask.float()
    n = mask.sum().clamp(min=1)
    mean = (x * mask).sum() / n
    var = (((x - mean) ** 2) * mask).sum() / n
    return (x - mean) * torch.rsqrt(var + eps) * mask


class KLController:
    """Fixed, or adaptive: coef *= 1 + clip(kl / target - 1, -0.2, 0.2) * n_steps / horizon."""

    def __init__(self, coef: float, kind: str = "fixed", target: float = 6.0, horizon: int = 10000):
        if kind not in ("fixed", "adaptive"):
            raise ValueError(f"ppo.kl_ctl: expected fixed or adaptive, got {kind!r}")
        self.value, self.kind, self.target, self.horizon = coef, kind, target, horizon

    def update(self, kl: float, n_steps: int):
        if self.kind == "adaptive":
            err = max(-0.2, min(0.2, kl / self.target - 1))
            self.value *= 1 + err * n_steps / self.horizon
