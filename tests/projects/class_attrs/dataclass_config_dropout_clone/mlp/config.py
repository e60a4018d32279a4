from dataclasses import dataclass, field


@dataclass
class MLPConfig:
    dim: int = 8
    layer_scale: float = 0.1
    dropout: float = 0.2
    dropout_inplace: bool = False  # saves memory, but only where nothing saved the input
    tags: list = field(default_factory=list)
