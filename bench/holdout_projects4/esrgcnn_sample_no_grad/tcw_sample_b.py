# case: the same sampling script run under `torch.no_grad()`: the split outputs are created without autograd, so the in-place ReLU on `remain1` is allowed
# source: https://github.com/hellloxiaotian/ESRGCNN/issues/2
import torch

from model import esrgcnn


class Config:
    scale = 2
    num_samples = 2


def sample(net, dataset, cfg):
    results = []
    with torch.no_grad():
        for lr in dataset:
            sr = net(lr.unsqueeze(0), cfg.scale).detach().squeeze(0)
            results.append(sr.clamp(0, 1))
    return results


def main(cfg):
    torch.manual_seed(0)
    net = esrgcnn.Net()
    net.eval()
    dataset = [torch.rand(3, 6, 6) for _ in range(cfg.num_samples)]
    out = sample(net, dataset, cfg)
    print([tuple(o.shape) for o in out])


main(Config())
