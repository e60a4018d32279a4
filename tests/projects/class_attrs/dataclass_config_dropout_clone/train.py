# case: clean twin: the model reads its options from a dataclass config defined in another module (no `__init__` written: the fields come from the call, else their defaults); `dropout_inplace=True` makes the dropout rewrite `h`, but the layer-scale multiplication saved a clone of it
import torch

from mlp import LayerScaleMLP, MLPConfig

torch.manual_seed(0)
config = MLPConfig(dim=8, dropout_inplace=True)
model = LayerScaleMLP(config)
model.train()
out = model(torch.randn(3, 8))
out.norm().backward()
