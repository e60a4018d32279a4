# case: softmax saves its output; temperature applied with div_ before backward
import torch

logits = torch.randn(2, 5, requires_grad=True)
temperature = 0.7
probs = torch.softmax(logits, dim=-1)  # saver
probs.div_(temperature)  # expect: GG002
probs[:, 0].sum().backward()  # raises: RuntimeError: modified by an inplace operation
