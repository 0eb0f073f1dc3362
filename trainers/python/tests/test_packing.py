import json
import os
import random

import pytest
import torch

from codejudge_train.job import Job
from codejudge_train.packing import block_causal_mask, collate_packed, forward_packed, pack_bfd, pack_examples
from codejudge_train.sft import micro_batch_loss, run_sft, tokenize_example
from codejudge_train.tiny_model import TinyCausalLM, TinyConfig
from codejudge_train.tokenizer import ByteTokenizer

TOK = ByteTokenizer()


def make_examples(n=7, seed=0):
    """Examples of different lengths mixing prose and fenced code, weighed 2 (code) and 0.5 (prose)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        prose = "ok " * rng.randint(0, 4)
        code = "x=1\n" * rng.randint(1, 4)
        ids, w = tokenize_example(TOK, f"Q{i}?\n", f"{prose}\n```py\n{code}```\n{prose}", w_code=2.0, w_noncode=0.5)
        out.append((ids, w))
    return out


def tiny_model():
    torch.manual_seed(0)
    return TinyCausalLM(TinyConfig(max_position_embeddings=128))


def test_best_fit_decreasing_puts_each_example_in_the_fullest_row_it_still_fits():
    # Longest first: 8 opens a row (2 free), 6 a second (4 free), 5 a third (5 free); 4 fills the
    # second exactly, 3 goes to the third (best fit 5 over nothing else), 2 fills the first.
    assert pack_bfd([5, 3, 8, 2, 4, 6], max_length=10) == [[2, 3], [5, 4], [0, 1]]


def test_packing_places_every_example_once_and_no_row_exceeds_max_length():
    rng = random.Random(1)
    lengths = [rng.randint(1, 50) for _ in range(200)]
    rows = pack_bfd(lengths, max_length=64)
    assert sorted(i for row in rows for i in row) == list(range(200))
    assert all(sum(lengths[i] for i in row) <= 64 for row in rows)
    assert len(rows) < 200 / 2  # the short examples really share rows


def test_a_length_over_max_length_is_refused():
    with pytest.raises(ValueError, match="1..10"):
        pack_bfd([4, 11], max_length=10)


def test_position_ids_restart_at_each_example_and_the_cross_boundary_target_weighs_nothing():
    a, b = ([1, 2, 3], [0.0, 1.0, 1.0]), ([4, 5], [0.0, 2.0])
    ids, w, pos, seg = collate_packed([[a, b], [b]], pad_id=0, device="cpu")
    assert ids.tolist() == [[1, 2, 3, 4, 5], [4, 5, 0, 0, 0]]
    assert pos.tolist() == [[0, 1, 2, 0, 1], [0, 1, 0, 1, 2]]
    assert seg.tolist() == [[0, 0, 0, 1, 1], [0, 0, -1, -1, -1]]
    # The second example's first token is the target the first example's last token would predict.
    assert w.tolist() == [[0.0, 1.0, 1.0, 0.0, 2.0], [0.0, 2.0, 0.0, 0.0, 0.0]]


def test_the_mask_is_block_diagonal_causal():
    allowed = block_causal_mask(torch.tensor([[0, 0, 1, 1, -1]]), torch.float32)[0, 0] == 0
    assert allowed.long().tolist() == [[1, 0, 0, 0, 0],
                                       [1, 1, 0, 0, 0],
                                       [0, 0, 1, 0, 0],
                                       [0, 0, 1, 1, 0],
                                       [0, 0, 0, 0, 1]]


def test_the_packed_weighted_loss_and_its_gradients_equal_the_unpacked_ones():
    examples = make_examples()
    rows = pack_examples(examples, max_length=96)
    assert len(rows) < len(examples)  # several examples really share a row
    total_w = sum(sum(w[1:]) for _, w in examples)
    results = []
    for packing, part in ((False, examples), (True, rows)):
        model = tiny_model()
        loss_sum, tokens = micro_batch_loss(model, part, packing, TOK.pad_token_id, "cpu")
        loss = loss_sum / total_w
        loss.backward()
        results.append((loss.detach(), tokens, [p.grad.clone() for p in model.parameters()]))
    (loss_u, tok_u, grads_u), (loss_p, tok_p, grads_p) = results
    assert tok_u == tok_p == sum(len(ids) for ids, _ in examples)
    assert torch.allclose(loss_p, loss_u, rtol=1e-6, atol=1e-6)
    for gu, gp in zip(grads_u, grads_p):
        assert torch.allclose(gp, gu, rtol=1e-4, atol=1e-6)


def test_changing_one_example_in_a_pack_leaves_the_others_logits_unchanged():
    model = tiny_model().eval()
    a, b, c = make_examples(3, seed=2)
    b_other = ([t if i < 4 else (t * 7) % 256 for i, t in enumerate(b[0])] + [65, 66], b[1] + [1.0, 1.0])

    def logits_of(row):
        ids, _, pos, seg = collate_packed([row], TOK.pad_token_id, "cpu")
        with torch.no_grad():
            return forward_packed(model, ids, pos, seg)[0]

    first, second = logits_of([a, b, c]), logits_of([a, b_other, c])
    na, nb, nb2 = len(a[0]), len(b[0]), len(b_other[0])
    assert torch.allclose(first[:na], second[:na], atol=1e-6)
    assert torch.allclose(first[na + nb: na + nb + len(c[0])], second[na + nb2: na + nb2 + len(c[0])], atol=1e-6)
    # And each example's packed logits are its logits run alone.
    with torch.no_grad():
        alone = model(input_ids=torch.tensor([c[0]])).logits[0]
    assert torch.allclose(first[na + nb:], alone, atol=1e-5)
    # Control: under a plain causal mask over the row, the change in b does reach c.
    ids, _, pos, _ = collate_packed([[a, b, c]], TOK.pad_token_id, "cpu")
    ids2, _, pos2, _ = collate_packed([[a, b_other, c]], TOK.pad_token_id, "cpu")
    with torch.no_grad():
        leaky = model(input_ids=ids, position_ids=pos).logits[0, na + nb:]
        leaky2 = model(input_ids=ids2, position_ids=pos2).logits[0, na + nb2:]
    assert not torch.allclose(leaky, leaky2, atol=1e-3)


def test_sft_with_packing_reduces_the_loss_and_packs_several_examples_per_row(tmp_path):
    data = os.path.join(tmp_path, "sft.jsonl")
    with open(data, "w") as f:
        for i in range(30):
            f.write(json.dumps({"prompt": f"Task {i % 4}:\n", "completion": f"Sure.\n```python\nprint({i % 4})\n```\n"}) + "\n")
    cfg = {"seed": 0, "model": {"name": "tiny"}, "data": {"train": data}, "max_steps": 30,
           "optim": {"lr": 3e-3, "warmup_steps": 4},
           "sft": {"batch_size": 2, "max_length": 128, "packing": True, "w_code": 2.0, "w_noncode": 0.5}}
    job_dir = os.path.join(tmp_path, "job")
    run_sft(Job(cfg, job_dir))
    rows = [json.loads(line) for line in open(os.path.join(job_dir, "metrics.jsonl"))]
    assert len(rows) == 30
    # Each example is 1 + 8 + 29 + 1 = 39 tokens, so three share each 128-token row (10 rows): 2 rows = 6 examples.
    assert all(r["examples"] == 6 for r in rows)
    assert rows[-1]["loss"] < 0.3 * rows[0]["loss"]
