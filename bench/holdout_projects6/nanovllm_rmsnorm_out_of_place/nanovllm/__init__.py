from nanovllm.config import Config

__all__ = ["Config"]
