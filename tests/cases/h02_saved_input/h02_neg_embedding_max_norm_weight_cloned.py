# case: clean twin: the weight is cloned before the product that saves it, as torch's nn.Embedding docs advise for max_norm, so the renormalisation in embedding(idx) writes a tensor no backward needs
import torch
import torch.nn as nn

torch.manual_seed(0)
embedding = nn.Embedding(4, 3, max_norm=1.0)
proj = torch.randn(5, 3, requires_grad=True)
idx = torch.tensor([0, 2])
scores = embedding.weight.clone() @ proj.t()
picked = embedding(idx) @ proj.t()
(scores.sum() + picked.sum()).backward()
