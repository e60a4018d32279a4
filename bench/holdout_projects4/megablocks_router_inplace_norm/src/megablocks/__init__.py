from megablocks.layers.arguments import Arguments
from megablocks.layers.moe import MoE

__all__ = ["Arguments", "MoE"]
