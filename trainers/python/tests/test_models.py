import torch
from torch import nn

from codejudge_train.models import disable_dropout
from codejudge_train.tiny_model import TinyCausalLM, TinyConfig


class FunctionalDropoutAttention(nn.Module):
    """Shaped like transformers' attention classes that keep a float rate for functional dropout."""

    def __init__(self):
        super().__init__()
        self.attention_dropout = 0.1
        self.proj = nn.Linear(4, 4)


def test_disable_dropout_zeroes_dropout_modules_and_functional_rates_so_training_passes_repeat():
    torch.manual_seed(0)
    model = TinyCausalLM(TinyConfig(dropout=0.5)).train()
    ids = torch.tensor([[256, 1, 2, 3, 4]])
    assert not torch.equal(model(input_ids=ids).logits, model(input_ids=ids).logits)
    assert disable_dropout(model) == 2  # one nn.Dropout per block, two blocks
    assert torch.equal(model(input_ids=ids).logits, model(input_ids=ids).logits)
    attn = FunctionalDropoutAttention()
    assert disable_dropout(attn) == 1 and attn.attention_dropout == 0.0


def test_a_tiny_model_without_dropout_has_nothing_to_disable():
    assert disable_dropout(TinyCausalLM(TinyConfig())) == 0
