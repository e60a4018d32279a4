import torch
import torch.nn as nn


class APLoss(nn.Module):
    """Differentiable mean average precision of a query against a list of database descriptors.

    The similarity axis [-1, 1] is quantized into nq soft bins (triangular kernels).
    """

    def __init__(self, nq=10, min=-1, max=1):
        super().__init__()
        self.nq = nq
        gap = max - min
        self.a = (nq - 1) / gap
        self.centers = torch.linspace(max, min, nq)

    def forward(self, x, label):
        # x: similarities [Nq, Ndb], label: {0,1} [Nq, Ndb]
        q = torch.clamp(1 - self.a * (x[:, None, :] - self.centers[None, :, None]).abs(), min=0)
        nbs = q.sum(dim=-1)  # number of samples per bin  [Nq, nq]
        rec = (q * label[:, None, :].float()).sum(dim=-1)  # positives per bin [Nq, nq]
        prec = rec.cumsum(dim=-1) / (1e-16 + nbs.cumsum(dim=-1))
        rec = rec / rec.sum(dim=-1, keepdim=True).clamp(min=1e-16)
        ap = (prec * rec).sum(dim=-1)
        return 1 - ap.mean()


class TAPLoss(nn.Module):
    """AP loss of every descriptor against all the others in the batch."""

    def __init__(self, nq=10):
        super().__init__()
        self.aploss = APLoss(nq)

    def forward(self, descs, labels):
        sim = descs @ descs.t()
        same = labels[:, None] == labels[None, :]
        eye = torch.eye(len(labels), dtype=torch.bool)
        sim = sim[~eye].view(len(labels), -1)
        same = same[~eye].view(len(labels), -1)
        return self.aploss(sim, same)
