# case: a decoder whose convs are put into an nn.ModuleDict by key; the generator optimizer (given only the encoder's and decoder's parameters) steps, then the discriminator loss on the detached decoder output backpropagates only through the discriminator, whose weights that optimizer does not hold
import torch
import torch.nn as nn


class Decoder(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.convs = nn.ModuleDict()
        for i in range(2):
            self.convs["upconv_%d" % i] = nn.Conv2d(ch, ch, 3, padding=1)
        self.convs["out"] = nn.Conv2d(ch, 2, 3, padding=1)

    def forward(self, x):
        for i in range(2):
            x = torch.relu(self.convs["upconv_%d" % i](x))
        return self.convs["out"](x)


torch.manual_seed(0)
models = {"encoder": nn.Conv2d(3, 4, 3, padding=1), "decoder": Decoder(4), "discr": nn.Conv2d(2, 1, 3)}
params_g, params_d = [], []
for key in models.keys():
    if "discr" in key:
        params_d += list(models[key].parameters())
    else:
        params_g += list(models[key].parameters())
opt_g = torch.optim.Adam(params_g, lr=1e-3)
opt_d = torch.optim.Adam(params_d, lr=1e-3)
x = torch.randn(2, 3, 8, 8)
top = models["decoder"](models["encoder"](x))
fake_pred = models["discr"](top)
fake_pred_d = models["discr"](top.detach())
loss_g = top.pow(2).mean() + fake_pred.mean()
loss_d = fake_pred_d.pow(2).mean()
loss_g.backward(retain_graph=True)
opt_g.step()
opt_d.zero_grad()
loss_d.backward()
opt_d.step()
