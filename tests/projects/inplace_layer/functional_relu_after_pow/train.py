# case: ops.relu_ wraps F.relu(x, inplace=True); the model squares h (pow saves h) and then calls it on h
import torch

from model import PolyFeatures

torch.manual_seed(0)
feats = PolyFeatures(4)
z = feats(torch.randn(6, 4))
z.mean().backward()  # raises: RuntimeError: modified by an inplace operation
