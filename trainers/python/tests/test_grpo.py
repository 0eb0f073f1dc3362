import math

import pytest
import torch

from codejudge_train.grpo import aggregate, clipped_surrogate, group_advantages, k3_kl, role_baseline_advantages


def test_group_advantages_are_normalised_by_each_group_mean_and_unbiased_std():
    adv, valid, stats = group_advantages([1, 0, 0, 1, 1, 1], group_size=3, scale_rewards="group", eps=0.0)
    # Group 1: mean 1/3, std sqrt(1/3) (n-1); group 2: all 1 -> std 0 -> advantages 0.
    s = math.sqrt(1 / 3)
    assert torch.allclose(adv[:3], torch.tensor([(2 / 3) / s, (-1 / 3) / s, (-1 / 3) / s]))
    assert torch.equal(adv[3:], torch.zeros(3))
    assert stats["frac_reward_zero_std"] == 0.5
    assert math.isclose(stats["reward_mean"], 4 / 6, rel_tol=1e-6)


def test_null_rewards_are_left_out_of_the_group_statistics_and_the_loss():
    adv, valid, stats = group_advantages([1.0, None, 0.0, None], group_size=4, scale_rewards="none")
    # Mean over the two judged samples is 0.5, not 0.25 (a null never counts as 0).
    assert torch.allclose(adv, torch.tensor([0.5, 0.0, -0.5, 0.0]))
    assert valid.tolist() == [True, False, True, False]
    assert stats["reward_null_frac"] == 0.5
    assert stats["reward_mean"] == 0.5


def test_batch_scaling_divides_by_the_std_of_the_whole_batch():
    rewards = [1.0, 0.0, 3.0, 1.0]
    adv, _, _ = group_advantages(rewards, group_size=2, scale_rewards="batch", eps=0.0)
    batch_std = torch.tensor(rewards).std()
    assert torch.allclose(adv, torch.tensor([0.5, -0.5, 1.0, -1.0]) / batch_std)


def test_an_unknown_scale_is_refused_with_the_key_named():
    with pytest.raises(ValueError, match="scale_rewards"):
        group_advantages([1.0, 0.0], 2, "rank")


def test_the_clipped_surrogate_takes_the_pessimistic_term_and_flags_clipping():
    old = torch.zeros(1, 3)
    logp = torch.log(torch.tensor([[1.5, 0.5, 1.1]]))
    loss, clipped = clipped_surrogate(logp, old, torch.tensor([1.0]), epsilon=0.2, epsilon_high=0.28)
    # ratio 1.5 > 1.28 with A>0 -> 1.28; ratio 0.5 with A>0 -> min(0.5, 0.8) = 0.5; 1.1 inside.
    assert torch.allclose(loss, torch.tensor([[-1.28, -0.5, -1.1]]), atol=1e-6)
    assert clipped.tolist() == [[True, False, False]]
    loss_neg, clipped_neg = clipped_surrogate(logp, old, torch.tensor([-1.0]), epsilon=0.2)
    # A<0: -min(-r, -clip(r)) = max(r, clip(r)): 1.5 -> 1.5 (not clipped), 0.5 -> 0.8 (clipped), 1.1 -> 1.1.
    assert torch.allclose(loss_neg, torch.tensor([[1.5, 0.8, 1.1]]), atol=1e-6)
    assert clipped_neg.tolist() == [[False, True, False]]


PER_TOKEN = torch.tensor([[1.0, 2.0, 3.0, 0.0], [4.0, 0.0, 0.0, 0.0]])
MASK = torch.tensor([[1, 1, 1, 0], [1, 0, 0, 0]])


def test_grpo_aggregation_averages_each_sequence_then_the_sequences():
    assert math.isclose(aggregate(PER_TOKEN, MASK, "grpo", 4).item(), (2.0 + 4.0) / 2)


def test_dr_grpo_aggregation_divides_the_token_sum_by_rows_times_max_length():
    assert math.isclose(aggregate(PER_TOKEN, MASK, "dr_grpo", 4).item(), 10.0 / (2 * 4))


def test_dapo_aggregation_is_the_mean_over_all_tokens_in_the_batch():
    assert math.isclose(aggregate(PER_TOKEN, MASK, "dapo", 4).item(), 10.0 / 4)


def test_an_unknown_loss_type_is_refused():
    with pytest.raises(ValueError, match="loss_type"):
        aggregate(PER_TOKEN, MASK, "bnpo2", 4)


def test_the_k3_kl_estimator_is_zero_at_equality_and_matches_its_formula():
    logp = torch.tensor([-1.0, -2.0])
    ref = torch.tensor([-1.0, -1.5])
    kl = k3_kl(logp, ref)
    assert kl[0].item() == 0.0
    assert math.isclose(kl[1].item(), math.exp(0.5) - 0.5 - 1, rel_tol=1e-6)


def test_role_conditioned_baselines_keep_a_moving_average_per_role():
    baselines = {"author": 0.0}
    adv, valid = role_baseline_advantages([1.0, 0.0, 1.0, None], ["author", "author", "solver", "solver"], baselines, 0.5)
    # author: batch mean 0.5 -> baseline 0.5*0 + 0.5*0.5 = 0.25; solver starts at its batch mean 1.0.
    assert math.isclose(baselines["author"], 0.25) and math.isclose(baselines["solver"], 1.0)
    assert torch.allclose(adv, torch.tensor([0.75, -0.25, 0.0, 0.0]))
    assert valid.tolist() == [True, True, True, False]
