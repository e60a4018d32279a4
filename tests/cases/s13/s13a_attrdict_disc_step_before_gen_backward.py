# case: the networks and their optimizers live in a `dict` subclass read by attribute (`nets.disc`, `opts[key]`, as `munch.Munch` in TTS training scripts); the discriminator's optimizer steps after its loss's backward but before the generator loss, whose graph runs through the same discriminator pass, is backpropagated
import torch
import torch.nn as nn

torch.manual_seed(0)


class AttrDict(dict):
    """dict with attribute access"""

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError as exc:
            raise AttributeError(key) from exc

    def __setattr__(self, key, value):
        self[key] = value


class MultiOptimizer:
    def __init__(self, optimizers):
        self.optimizers = optimizers

    def step(self, key):
        self.optimizers[key].step()  # expect: GG002

    def zero_grad(self):
        for opt in self.optimizers.values():
            opt.zero_grad()


def build_model():
    return AttrDict(gen=nn.Linear(4, 4), disc=nn.Sequential(nn.Linear(4, 8), nn.LeakyReLU(0.2), nn.Linear(8, 1)))


nets = build_model()
optimizer = MultiOptimizer({key: torch.optim.Adam(nets[key].parameters(), lr=1e-3) for key in nets})
x = torch.randn(6, 4)
for it in range(2):
    fake = nets.gen(x)
    score = nets.disc(fake)  # saver
    d_loss = score.mean()
    g_loss = -score.mean()
    optimizer.zero_grad()
    d_loss.backward(retain_graph=True)
    optimizer.step("disc")
    g_loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    optimizer.step("gen")
