import json
import math
import os

import torch

from codejudge_train.job import Job, cosine_with_warmup
from codejudge_train.sft import code_spans, run_sft, tokenize_example, weighted_loss_sum
from codejudge_train.tokenizer import ByteTokenizer

TOK = ByteTokenizer()
COMPLETION = "Use a loop.\n```python\nx=1\n```\nDone."


def test_code_spans_cover_the_fenced_code_and_not_the_fence_lines():
    spans = code_spans(COMPLETION)
    assert [COMPLETION[a:b] for a, b in spans] == ["x=1\n"]


def test_an_unclosed_fence_runs_to_the_end_of_the_text():
    text = "Here:\n```cpp\nint main(){}\n"
    assert [text[a:b] for a, b in code_spans(text)] == ["int main(){}\n"]


def test_a_longer_fence_is_only_closed_by_a_fence_as_long():
    text = "````md\n```\ninner\n```\n````\nafter"
    assert [text[a:b] for a, b in code_spans(text)] == ["```\ninner\n```\n"]


def test_weights_mask_the_prompt_and_weigh_code_and_prose_tokens_apart():
    ids, w = tokenize_example(TOK, "Q?\n", COMPLETION, w_code=2.0, w_noncode=0.5)
    prompt_len = 1 + len("Q?\n")  # BOS + prompt bytes
    assert w[:prompt_len] == [0.0] * prompt_len
    body = ids[prompt_len:-1]
    assert bytes(body).decode() == COMPLETION
    code_start = prompt_len + COMPLETION.index("x=1")
    expected = [0.5] * len("Use a loop.\n```python\n") + [2.0] * len("x=1\n") + [0.5] * len("```\nDone.") + [0.5]
    assert w[prompt_len:] == expected
    assert ids[-1] == TOK.eos_token_id and w[code_start] == 2.0


def test_mask_noncode_leaves_only_the_code_tokens_in_the_loss():
    _, w = tokenize_example(TOK, "Q?\n", COMPLETION, w_code=1.0, w_noncode=1.0, mask_noncode=True)
    assert sum(1 for x in w if x > 0) == len("x=1\n")


def test_the_weighted_loss_is_normalised_so_scaling_every_weight_changes_nothing():
    torch.manual_seed(0)
    logits = torch.randn(1, 5, 7)
    ids = torch.tensor([[1, 2, 3, 4, 5]])
    w = torch.tensor([[0.0, 0.0, 1.0, 3.0, 1.0]])
    nll = torch.nn.functional.cross_entropy(logits[0, :-1], ids[0, 1:], reduction="none")
    by_hand = (nll * w[0, 1:]).sum() / w[0, 1:].sum()
    assert torch.allclose(weighted_loss_sum(logits, ids, w) / w[:, 1:].sum(), by_hand)
    assert torch.allclose(weighted_loss_sum(logits, ids, 10 * w) / (10 * w[:, 1:]).sum(), by_hand)


def test_the_cosine_schedule_warms_up_linearly_then_decays_to_the_floor():
    f = cosine_with_warmup(warmup=4, total=14, min_ratio=0.1)
    assert [f(s) for s in range(4)] == [0.25, 0.5, 0.75, 1.0]
    assert math.isclose(f(9), 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * 0.5)))
    assert math.isclose(f(14), 0.1)


def test_sft_reweight_reduces_the_loss_on_a_toy_task(tmp_path):
    data = os.path.join(tmp_path, "sft.jsonl")
    with open(data, "w") as f:
        for i in range(16):
            f.write(json.dumps({"prompt": f"Task {i % 4}:\n", "completion": f"Sure.\n```python\nprint({i % 4})\n```\n"}) + "\n")
    cfg = {"seed": 0, "model": {"name": "tiny"}, "data": {"train": data}, "max_steps": 40,
           "optim": {"lr": 3e-3, "warmup_steps": 4}, "sft": {"batch_size": 8, "w_code": 2.0, "w_noncode": 0.5}}
    job_dir = os.path.join(tmp_path, "job")
    run_sft(Job(cfg, job_dir))
    rows = [json.loads(line) for line in open(os.path.join(job_dir, "metrics.jsonl"))]
    assert len(rows) == 40
    assert rows[-1]["loss"] < 0.3 * rows[0]["loss"]
    assert os.path.exists(os.path.join(job_dir, "checkpoints", "step-000040", "model.pt"))
