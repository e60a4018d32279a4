# case: @torch.inference_mode() function produces the tensor; caller updates it in place
import torch


@torch.inference_mode()
def embed(ids):
    table = torch.randn(10, 4)
    return table[ids]


e = embed(torch.tensor([1, 2]))
e.mul_(0.5)  # expect: GG005  # raises: RuntimeError: Inplace update to inference tensor outside InferenceMode is not allowed.
