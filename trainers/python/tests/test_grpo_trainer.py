import copy

import pytest
import torch

from codejudge_train.grpo_trainer import _train_on_batch, loss_mask
from codejudge_train.job import Job
from codejudge_train.rollout import make_batch, sample
from conftest import write_prompts

EOS, PAD = 257, 258


def test_overlong_masking_drops_truncated_samples_and_null_rewards_drop_theirs():
    prompts = [[256, 65], [256, 66], [256, 67]]
    completions = [[49, EOS], [50, 51, 52], [53, EOS]]  # the second hit max_new_tokens=3 without EOS
    batch = make_batch(prompts, completions, EOS, PAD, 3, "cpu")
    assert batch.truncated.tolist() == [False, True, False]
    valid = torch.tensor([True, True, False])
    assert loss_mask(batch, valid, mask_truncated=False).sum(-1).tolist() == [2.0, 3.0, 0.0]
    assert loss_mask(batch, valid, mask_truncated=True).sum(-1).tolist() == [2.0, 0.0, 0.0]
    # The prompt is never in the loss: position 0 and 1 hold it.
    assert loss_mask(batch, valid, False)[:, :2].sum() == 0


@pytest.mark.parametrize("loss_type", ["grpo", "dr_grpo", "dapo"])
def test_micro_batches_give_the_same_update_as_the_whole_batch(tmp_path, loss_type):
    data = write_prompts(tmp_path / "rl.jsonl")
    cfg = {"seed": 0, "model": {"name": "tiny"}, "data": {"train": data}, "adapter": "tinylora", "tinylora": {"u": 3},
           "optim": {"lr": 0.1, "schedule": "constant", "max_grad_norm": 1e9}}
    torch.manual_seed(0)
    prompts = [[256, 81, 49], [256, 81, 50, 51], [256, 82], [256, 83, 84]]
    completions = [[49, 50, EOS], [51, EOS], [52, 53, 54, 55], [EOS]]
    adv = torch.tensor([1.0, -0.5, 0.25, -1.0])
    results = []
    for micro in (4, 1):
        job = Job(cfg, str(tmp_path / f"job-{loss_type}-{micro}"), default_adapter="tinylora")
        with torch.no_grad():
            for v in job.adapter.vectors:
                v.copy_(torch.linspace(-0.2, 0.2, v.numel()))
        job.make_optimizer()
        grads = []
        step = job.step_optimizer
        # Adam's first step hides the gradient's scale, so the gradients themselves are compared.
        job.step_optimizer = lambda schedule=True: (grads.extend(v.grad.clone() for v in job.adapter.vectors), step(schedule))[1]
        batch = make_batch(prompts, completions, EOS, PAD, 4, "cpu")
        c = {"max_completion_length": 4, "micro_batch": micro, "loss_type": loss_type, "num_iterations": 1,
             "epsilon": 0.2, "epsilon_high": None, "beta": 0.0}
        metrics = _train_on_batch(job, batch, adv, batch.completion_mask, None, None, c)
        results.append((grads, metrics["loss"]))
    (g_whole, loss_whole), (g_micro, loss_micro) = results
    assert abs(loss_whole - loss_micro) < 1e-6
    assert any(float(g.abs().sum()) > 0 for g in g_whole)
    for a, b in zip(g_whole, g_micro):
        assert torch.allclose(a, b, atol=1e-7, rtol=1e-5)


def test_the_jobs_seed_decides_sampling_while_the_initial_weights_stay_put(tmp_path):
    data = write_prompts(tmp_path / "rl.jsonl")
    draws, weights = [], []
    for seed in (1, 2):
        job = Job({"seed": seed, "model": {"name": "tiny"}, "data": {"train": data}}, str(tmp_path / f"j{seed}"))
        weights.append(copy.deepcopy(job.model.state_dict()))
        draws.append(sample(job.model, [[256, 65, 66]] * 4, 6, EOS, PAD, 1.0))
    assert all(torch.equal(weights[0][k], weights[1][k]) for k in weights[0])
    assert draws[0] != draws[1]
