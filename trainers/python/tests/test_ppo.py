import math

import pytest
import torch

from codejudge_train.job import Job
from codejudge_train.ppo import KLController, gae, token_rewards, value_loss, whiten
from codejudge_train.ppo_trainer import run_ppo
from conftest import read_metrics, write_prompts


def test_gae_matches_the_hand_computed_recursion():
    # One row: a prompt token (masked) then three completion tokens.
    rewards = torch.tensor([[0.0, 0.0, 0.0, 1.0]])
    values = torch.tensor([[9.0, 0.5, 0.6, 0.7]])
    mask = torch.tensor([[0, 1, 1, 1]])
    gamma, lam = 0.9, 0.8
    d3 = 1.0 - 0.7
    d2 = 0.0 + gamma * 0.7 - 0.6
    d1 = 0.0 + gamma * 0.6 - 0.5
    a3 = d3
    a2 = d2 + gamma * lam * a3
    a1 = d1 + gamma * lam * a2
    adv, returns = gae(rewards, values, mask, gamma, lam)
    assert torch.allclose(adv, torch.tensor([[0.0, a1, a2, a3]]), atol=1e-6)
    assert torch.allclose(returns, torch.tensor([[0.0, a1 + 0.5, a2 + 0.6, a3 + 0.7]]), atol=1e-6)


def test_gae_stops_at_each_rows_last_completion_token():
    rewards = torch.tensor([[0.0, 2.0, 5.0]])
    values = torch.tensor([[0.0, 1.0, 3.0]])
    mask = torch.tensor([[1, 1, 0]])
    adv, _ = gae(rewards, values, mask, 1.0, 1.0)
    # The padding after the completion contributes nothing: A1 = 2 - 1, A0 = 0 + 1 - 0 + A1.
    assert torch.allclose(adv, torch.tensor([[2.0, 1.0, 0.0]]))


def test_the_value_loss_takes_the_larger_of_the_clipped_and_unclipped_errors():
    values = torch.tensor([[1.0, 0.0]])
    old = torch.tensor([[0.5, 0.0]])
    returns = torch.tensor([[0.0, 1.0]])
    mask = torch.tensor([[1, 1]])
    loss, frac = value_loss(values, old, returns, mask, cliprange_value=0.2)
    # Token 0: unclipped (1-0)^2 = 1, clipped 0.7^2 = 0.49 -> 1. Token 1: both (0-1)^2 = 1.
    assert math.isclose(loss.item(), 0.5 * (1.0 + 1.0) / 2)
    assert frac == 0.0
    loss2, frac2 = value_loss(torch.tensor([[0.0]]), torch.tensor([[0.5]]), torch.tensor([[1.0]]), torch.tensor([[1]]), 0.2)
    # unclipped (0-1)^2 = 1, clipped (0.3-1)^2 = 0.49: max is the unclipped 1.
    assert math.isclose(loss2.item(), 0.5) and frac2 == 0.0
    loss3, frac3 = value_loss(torch.tensor([[1.0]]), torch.tensor([[0.5]]), torch.tensor([[1.0]]), torch.tensor([[1]]), 0.2)
    # unclipped 0, clipped (0.7-1)^2 = 0.09 -> the clipped term counts.
    assert math.isclose(loss3.item(), 0.5 * 0.09, rel_tol=1e-6) and frac3 == 1.0


def test_the_score_lands_on_the_last_completion_token_beside_the_kl_penalty():
    logp = torch.tensor([[0.0, -1.0, -1.0, 0.0]])
    ref = torch.tensor([[0.0, -1.5, -0.5, 0.0]])
    mask = torch.tensor([[0, 1, 1, 0]])
    r, kl = token_rewards(torch.tensor([1.0]), logp, ref, mask, kl_coef=0.1)
    assert torch.allclose(kl, torch.tensor([[0.0, 0.5, -0.5, 0.0]]))
    assert torch.allclose(r, torch.tensor([[0.0, -0.05, 0.05 + 1.0, 0.0]]))


def test_whitening_gives_zero_mean_unit_variance_over_the_mask():
    x = torch.tensor([[1.0, 2.0, 3.0, 100.0]])
    w = whiten(x, torch.tensor([[1, 1, 1, 0]]))
    assert abs(w[0, :3].mean().item()) < 1e-6 and abs(w[0, :3].pow(2).mean().item() - 1) < 1e-4 and w[0, 3] == 0


def test_the_adaptive_kl_coefficient_grows_when_kl_overshoots_and_the_fixed_one_does_not():
    adaptive = KLController(0.1, "adaptive", target=1.0, horizon=100)
    adaptive.update(kl=3.0, n_steps=10)  # error clipped to 0.2 -> x (1 + 0.2 * 10/100)
    assert math.isclose(adaptive.value, 0.1 * 1.02)
    adaptive.update(kl=0.5, n_steps=10)  # error -0.5 clipped to -0.2
    assert math.isclose(adaptive.value, 0.1 * 1.02 * 0.98)
    fixed = KLController(0.1)
    fixed.update(kl=3.0, n_steps=10)
    assert fixed.value == 0.1
    with pytest.raises(ValueError, match="kl_ctl"):
        KLController(0.1, "linear")


def test_ppo_raises_the_reward_on_a_toy_task(tmp_path, digit_model):
    data = write_prompts(tmp_path / "rl.jsonl")
    cfg = {"seed": 0, "model": {"name": "tiny", "init_checkpoint": digit_model}, "data": {"train": data}, "max_steps": 20,
           "optim": {"lr": 2e-3, "schedule": "constant"}, "reward": {"function": "first_number"},
           "ppo": {"prompts_per_step": 8, "samples_per_prompt": 4, "max_completion_length": 4, "ppo_epochs": 2,
                   "mini_batch_size": 16, "kl_coef": 0.01, "vf_coef": 0.5}}
    job_dir = str(tmp_path / "job")
    run_ppo(Job(cfg, job_dir))
    rows = read_metrics(job_dir)
    # Step 1's rollout comes from the untrained policy (a uniform digit: about 0.1).
    initial = rows[0]["reward_mean"]
    final = sum(r["reward_mean"] for r in rows[-5:]) / 5
    assert initial < 0.35 and final > initial + 0.3, [round(r["reward_mean"], 2) for r in rows]
    assert {"policy_loss", "value_loss", "kl", "kl_coef", "clip_ratio", "entropy"} <= set(rows[-1])


def _first_rollout_clip_ratio(tmp_path, disable: bool) -> float:
    data = write_prompts(tmp_path / "rl.jsonl")
    # One rollout, one epoch, one mini-batch: the only pass sees the very policy that sampled, so its
    # probability ratio is exactly 1 unless dropout makes the training pass differ from the rollout's.
    cfg = {"seed": 0, "model": {"name": "tiny", "tiny": {"dropout": 0.5}}, "data": {"train": data}, "max_steps": 1,
           # digit_fraction scores the untrained model's random bytes unevenly, so advantages are not all 0.
           "optim": {"lr": 1e-3}, "reward": {"function": "digit_fraction"},
           "ppo": {"prompts_per_step": 8, "max_completion_length": 4, "ppo_epochs": 1, "mini_batch_size": 8,
                   "disable_dropout": disable}}
    job_dir = str(tmp_path / ("off" if disable else "on"))
    run_ppo(Job(cfg, job_dir))
    return read_metrics(job_dir)[0]["clip_ratio"]


def test_ppo_switches_dropout_off_so_the_first_pass_ratio_is_exactly_one(tmp_path):
    assert _first_rollout_clip_ratio(tmp_path, disable=True) == 0.0
    # The same run with dropout left on clips tokens that never moved: ratios of dropout noise.
    assert _first_rollout_clip_ratio(tmp_path, disable=False) > 0.0
