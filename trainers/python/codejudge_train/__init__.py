"""codejudge_train: TinyLoRA, SFT with code-token loss weights, GRPO and PPO, with rewards from the
codejudge harness's reward server. torch is imported where it is used; transformers/peft only when
a real model asks for them."""

__version__ = "0.1.0"
