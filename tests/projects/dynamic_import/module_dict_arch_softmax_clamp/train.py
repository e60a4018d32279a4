# case: torchvision-examples style: the architecture is looked up by name in the models package's globals (`models.__dict__[arch]`, the package re-exporting its modules with star imports), the optimizer gets `filter(lambda p: p.requires_grad, model.parameters())`; the chosen net ends in a softmax whose output is clamped in place before the log
import torch

import models

ARCH = "softmax_net"


def main(arch=ARCH):
    torch.manual_seed(0)
    model = models.__dict__[arch](num_classes=3)
    optimizer = torch.optim.SGD(filter(lambda p: p.requires_grad, model.parameters()), lr=0.1)
    x, target = torch.randn(4, 6), torch.tensor([0, 1, 2, 0])
    probs = model(x)
    probs.clamp_(min=1e-6)  # expect: GG002
    loss = torch.nn.functional.nll_loss(probs.log(), target)
    optimizer.zero_grad()
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step()


if __name__ == "__main__":
    main()
