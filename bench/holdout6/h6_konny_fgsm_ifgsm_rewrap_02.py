# source: https://github.com/1Konny/FGSM/issues/4
# case: the same I-FGSM loop without the re-wrapping line: after `x_adv = x_adv - alpha * x_adv.grad` x_adv is no longer a leaf, its `.grad` stays None, and the second iteration fails on `x_adv.grad.sign_()`
import torch
import torch.nn as nn
from torch.autograd import Variable

torch.manual_seed(0)


def where(cond, x, y):
    cond = cond.float()
    return (cond * x) + ((1 - cond) * y)


class Attack:
    def __init__(self, net, criterion):
        self.net = net
        self.criterion = criterion

    def i_fgsm(self, x, y, targeted=False, eps=0.03, alpha=1, iteration=1, x_val_min=-1, x_val_max=1):
        x_adv = Variable(x.data, requires_grad=True)
        for i in range(iteration):
            h_adv = self.net(x_adv)
            if targeted:
                cost = self.criterion(h_adv, y)
            else:
                cost = -self.criterion(h_adv, y)

            self.net.zero_grad()
            if x_adv.grad is not None:
                x_adv.grad.data.fill_(0)
            cost.backward()

            x_adv.grad.sign_()  # raises: AttributeError: 'NoneType' object has no attribute 'sign_'
            x_adv = x_adv - alpha * x_adv.grad  # expect: GG009
            x_adv = where(x_adv > x + eps, x + eps, x_adv)
            x_adv = where(x_adv < x - eps, x - eps, x_adv)
            x_adv = torch.clamp(x_adv, x_val_min, x_val_max)

        h = self.net(x)
        h_adv = self.net(x_adv)
        return x_adv, h_adv, h


net = nn.Sequential(nn.Flatten(), nn.Linear(16, 8), nn.ReLU(), nn.Linear(8, 3))
attack = Attack(net, nn.CrossEntropyLoss())
x = torch.rand(2, 1, 4, 4) * 2 - 1
y = torch.tensor([0, 2])
x_adv, h_adv, h = attack.i_fgsm(x, y, eps=0.1, alpha=0.01, iteration=3)
print(h_adv.argmax(1), h.argmax(1))
