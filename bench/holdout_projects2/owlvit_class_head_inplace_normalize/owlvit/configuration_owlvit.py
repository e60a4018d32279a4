from dataclasses import dataclass


@dataclass
class OwlViTConfig:
    vision_hidden_size: int = 16
    text_hidden_size: int = 12
    patch_dim: int = 8
    vocab_size: int = 20
