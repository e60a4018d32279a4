# case: out= in data preprocessing where nothing requires grad
import torch

raw = torch.rand(8, 3)
mean = raw.mean(0)
normed = torch.empty_like(raw)
torch.sub(raw, mean, out=normed)
torch.div(normed, raw.std(0), out=normed)
both = torch.empty(16, 3)
torch.cat([raw, normed], out=both)
print("ok", both.shape)
