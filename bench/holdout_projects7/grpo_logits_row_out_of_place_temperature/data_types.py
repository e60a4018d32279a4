from dataclasses import dataclass, field
from typing import List


@dataclass
class Episode:
    prefix_token_ids: List[int]
    generated_token_ids: List[int]
    whole_token_ids: List[int]
    reward: float
    old_policy_log_probs: List[float] = field(default_factory=list)
    ref_policy_log_probs: List[float] = field(default_factory=list)
