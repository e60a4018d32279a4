from .blocks import gated_block, plain_block

__all__ = ["gated_block", "plain_block"]
