# case: a nested helper encodes under `with torch.inference_mode():` and the outer function trains on the result, which a Linear saves
import torch
import torch.nn as nn

enc = nn.Linear(3, 3)
head = nn.Linear(3, 1)


def step(x):
    def encode(v):
        with torch.inference_mode():
            return enc(v)

    feats = encode(x)
    return head(feats).sum()  # expect: GG006  # raises: RuntimeError: Inference tensors cannot be saved for backward


step(torch.randn(2, 3)).backward()
print(head.weight.grad)
