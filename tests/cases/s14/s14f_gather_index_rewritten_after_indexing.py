# case: a point-cloud gather helper called twice with the same neighbour index (computed without grad): the first call indexes the support points (which require grad) with it, so autograd keeps the index; the second call rewrites the shadow entries of that index in place before indexing the features, and the backward through the first read fails
import torch

torch.manual_seed(0)


def gather(x, idx):
    idx[idx == -1] = x.shape[0] - 1  # expect: GG002
    return x[idx]  # saver


pos = torch.rand(5, 3, requires_grad=True)
feats = torch.rand(5, 2)
with torch.no_grad():
    idx = torch.cdist(pos, pos).topk(3, dim=1, largest=False).indices
    idx[0, 2] = -1
support = torch.cat([pos, torch.zeros(1, 3)])
neighbours = gather(support, idx)
features = gather(torch.cat([feats, torch.zeros(1, 2)]), idx)
(neighbours.sum() + features.sum()).backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
