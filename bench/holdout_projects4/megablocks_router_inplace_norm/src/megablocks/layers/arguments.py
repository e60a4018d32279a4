import dataclasses
from typing import Optional, Union


@dataclasses.dataclass
class Arguments:
    hidden_size: int = 8
    ffn_hidden_size: int = 16
    moe_num_experts: int = 4
    moe_top_k: int = 2
    moe_normalize_expert_weights: Optional[Union[int, float]] = None
