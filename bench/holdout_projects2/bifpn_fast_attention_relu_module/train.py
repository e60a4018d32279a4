# case: clean: EfficientDet BiFPN applies a plain nn.ReLU() module directly to its nn.Parameter fusion weights (out of place, so the leaf is never written)
# source: https://github.com/zylo117/Yet-Another-EfficientDet-Pytorch/issues/503
import torch

from efficientdet.model import BiFPN

torch.manual_seed(0)


def main():
    bifpn = BiFPN(num_channels=8)
    opt = torch.optim.AdamW(bifpn.parameters(), lr=1e-3)
    for _ in range(2):
        p6, p7 = torch.randn(2, 8, 8, 8), torch.randn(2, 8, 4, 4)
        p6_out, p7_out = bifpn((p6, p7))
        loss = p6_out.pow(2).mean() + p7_out.pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(loss.item(), bifpn.p6_w1.grad)


if __name__ == "__main__":
    main()
