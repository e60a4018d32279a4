from .gpt_model import GPTModel

__all__ = ["GPTModel"]
