# case: the model reads its options from a dataclass config defined in another module (no `__init__` written: the fields come from the call, else their defaults); `dropout_inplace=True` makes the dropout rewrite `h`, which the layer-scale multiplication saved
import torch

from mlp import LayerScaleMLP, MLPConfig

torch.manual_seed(0)
config = MLPConfig(dim=8, dropout_inplace=True)
model = LayerScaleMLP(config)
model.train()
out = model(torch.randn(3, 8))
out.norm().backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
