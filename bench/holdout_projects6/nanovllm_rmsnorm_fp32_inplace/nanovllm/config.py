from dataclasses import dataclass

import torch


@dataclass
class Config:
    vocab_size: int = 32
    hidden_size: int = 8
    intermediate_size: int = 16
    num_hidden_layers: int = 2
    num_attention_heads: int = 2
    rms_norm_eps: float = 1e-6
    torch_dtype: torch.dtype = torch.float32
