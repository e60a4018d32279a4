# case: resnet18_rmac with gem pooling and norm_features=True: x.squeeze_() now writes the output of l2_normalize (F.normalize), which no backward saved, instead of the pow result
# source: https://github.com/naver/deep-image-retrieval/issues/19
import torch

from dirtorch.loss import TAPLoss
from dirtorch.nets import create_model
from dirtorch.utils.multistage import multistage_backward

ARCH = "resnet18_rmac"
MODEL_KWARGS = dict(pooling="gem", gemp=3, out_dim=16, norm_features=True, without_fc=False)


def random_batch(n_classes=3, per_class=2, size=64, seed=0):
    gen = torch.Generator().manual_seed(seed)
    protos = torch.rand(n_classes, 3, size, size, generator=gen)
    images = protos.repeat_interleave(per_class, 0) + 0.1 * torch.randn(n_classes * per_class, 3, size, size, generator=gen)
    labels = torch.arange(n_classes).repeat_interleave(per_class)
    return images, labels


def main():
    torch.manual_seed(0)
    net = create_model(ARCH, pretrained="", **MODEL_KWARGS)
    net.train()
    optimizer = torch.optim.SGD(net.parameters(), lr=1e-3, momentum=0.9)
    loss_fn = TAPLoss(nq=10)
    for it in range(2):
        images, labels = random_batch(seed=it)
        optimizer.zero_grad()
        loss = multistage_backward(net, images, labels, loss_fn)
        optimizer.step()
        print(f"iter {it}: loss {loss.item():.4f} p={net.adpool.p.item() if hasattr(net, 'adpool') else None}")


if __name__ == "__main__":
    main()
