from .tiny_lm import TinyCausalLM

__all__ = ["TinyCausalLM"]
