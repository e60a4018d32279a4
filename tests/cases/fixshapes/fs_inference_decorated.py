# case: a decorated function makes its result under `@torch.inference_mode()`; the caller writes into it outside
import torch
import torch.nn as nn

net = nn.Linear(3, 3)


@torch.inference_mode()
def embed(x):
    return net(x)


e = embed(torch.randn(2, 3))
e.mul_(2)  # expect: GG005  # raises: RuntimeError: Inplace update to inference tensor outside InferenceMode is not allowed
print(e.sum())
