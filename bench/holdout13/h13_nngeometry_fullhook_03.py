# case: look-alike as in nngeometry's test ConvNet before the PR: the same full-backward-hook generator on a network whose activations are all out of place (tF.relu(self.conv3(x))), so no hook-wrapped layer output is modified and the Fisher diagonal is computed
# source: https://github.com/tfjgeorge/nngeometry/pull/42
import torch
import torch.nn as nn
import torch.nn.functional as tF

torch.manual_seed(0)


class ConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 3, 2)
        self.conv2 = nn.Conv2d(6, 5, 4, 1)
        self.conv3 = nn.Conv2d(5, 7, 3, 1, 1)
        self.fc1 = nn.Linear(7, 4)
        self.fc2 = nn.Linear(4, 3)

    def forward(self, x):
        x = tF.relu(self.conv1(x))
        x = tF.max_pool2d(x, 2, 2)
        x = tF.relu(self.conv2(x))
        x = tF.max_pool2d(x, 2, 2)
        x = tF.relu(self.conv3(x))
        x = x.view(-1, 1 * 1 * 7)
        x = self.fc1(x)
        return self.fc2(tF.relu(x))


def linear_diag(buffer, mod, x, gy):
    gw = gy[:, :, None] * x[:, None, :]
    buffer.add_(torch.cat([(gw**2).sum(0).view(-1), (gy**2).sum(0)]))


def conv2d_diag(buffer, mod, x, gy):
    bs = x.size(0)
    x_unf = tF.unfold(x, mod.kernel_size, padding=mod.padding, stride=mod.stride, dilation=mod.dilation)
    gy = gy.view(bs, gy.size(1), -1)
    gw = torch.bmm(gy, x_unf.transpose(1, 2))
    buffer.add_(torch.cat([(gw**2).sum(0).view(-1), (gy.sum(2) ** 2).sum(0)]))


FactoryMap = {nn.Linear: linear_diag, nn.Conv2d: conv2d_diag}


class Jacobian:
    def __init__(self, model, function=None, n_output=1):
        self.model = model
        self.function = function if function is not None else (lambda *d: model(d[0]))
        self.n_output = n_output
        self.l_to_m = {name: mod for name, mod in model.named_modules() if type(mod) in FactoryMap}
        self.m_to_start, start = {}, 0
        for mod in self.l_to_m.values():
            self.m_to_start[mod] = start
            start += sum(p.numel() for p in mod.parameters())
        self.n_parameters = start
        self.handles, self.xs = [], dict()

    def _add_hooks(self, hook_x, hook_gy, mods):
        handles = []
        for m in mods:
            handles.append(m.register_forward_pre_hook(hook_x))
            handles.append(m.register_full_backward_hook(hook_gy))
        return handles

    def _hook_savex(self, mod, i):
        self.xs[mod] = i[0]

    def _hook_compute_diag(self, mod, grad_input, grad_output):
        gy = grad_output[0]
        start = self.m_to_start[mod]
        numel = sum(p.numel() for p in mod.parameters())
        FactoryMap[type(mod)](self.diag_m[start : start + numel], mod, self.xs[mod], gy)

    def get_covariance_diag(self, examples):
        self.handles += self._add_hooks(self._hook_savex, self._hook_compute_diag, self.l_to_m.values())
        n_examples = sum(d[0].size(0) for d in examples)
        self.diag_m = torch.zeros((self.n_parameters,))
        for d in examples:
            inputs = d[0]
            inputs.requires_grad = True
            bs = inputs.size(0)
            output = self.function(*d).view(bs, self.n_output).sum(dim=0)
            for i in range(self.n_output):
                torch.autograd.grad(output[i], [inputs], retain_graph=i < self.n_output - 1, only_inputs=True)
        diag_m = self.diag_m / n_examples
        del self.diag_m
        self.xs = dict()
        for h in self.handles:
            h.remove()
        return diag_m


model = ConvNet()
loader = [(torch.rand(4, 1, 28, 28), torch.randint(0, 3, (4,))) for _ in range(2)]


def output_fn(input, target):
    return tF.log_softmax(model(input), dim=1)


generator = Jacobian(model=model, function=output_fn, n_output=3)
diag = generator.get_covariance_diag(loader)
print(diag.shape, float(diag.sum()))
