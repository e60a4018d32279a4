# case: look-alike as in the repository: the image is shown only after the optimisation loop, through detransform(x_[0].data.cpu()); .data has no autograd history and on CPU .cpu() returns the same tensor, so Denormalize rescales the channels of x_ itself in place, but after the last backward and step nothing recorded depends on them
# source: https://github.com/ruthcfong/invert/issues/2
import torch
import torch.nn as nn

torch.manual_seed(0)


def alpha_prior(x, alpha=2.0):
    return torch.abs(x.view(-1) ** alpha).sum()


def tv_norm(x, beta=2.0):
    assert x.size(0) == 1
    img = x[0]
    dy = img - img
    dx = img - img
    dy[:, 1:, :] = -img[:, :-1, :] + img[:, 1:, :]
    dx[:, :, 1:] = -img[:, :, :-1] + img[:, :, 1:]
    return ((dx.pow(2) + dy.pow(2)).pow(beta / 2.0)).sum()


def norm_loss(input, target):
    return torch.div(alpha_prior(input - target, alpha=2.0), alpha_prior(target, alpha=2.0))


class Denormalize:
    def __init__(self, mean, std):
        self.mean = mean
        self.std = std

    def __call__(self, tensor):
        for t, m, s in zip(tensor, self.mean, self.std):
            t.mul_(s).add_(m)
        return tensor


class Clip:
    def __call__(self, tensor):
        t = tensor.clone()
        t[t > 1] = 1
        t[t < 0] = 0
        return t


def to_image(tensor):
    return (tensor * 255).byte().permute(1, 2, 0).numpy()


def decay_lr(optimizer, factor):
    for param_group in optimizer.param_groups:
        param_group["lr"] *= factor


def get_pytorch_module(net, blob):
    curr_m = net
    for m in blob.split("."):
        curr_m = curr_m._modules.get(m)
    return curr_m


class TinyAlexNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, stride=2, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(8, 8, 3, padding=1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(2),
        )
        self.classifier = nn.Linear(8 * 4 * 4, 10)

    def forward(self, x):
        return self.classifier(self.features(x).flatten(1))


def invert(img_, layer="features.2", alpha=6, beta=2, alpha_lambda=1e-5, tv_lambda=1e-5, epochs=6, learning_rate=1e-1, momentum=0.9, decay_iter=4, decay_factor=1e-1, print_iter=3):
    mu = [0.485, 0.456, 0.406]
    sigma = [0.229, 0.224, 0.225]
    denormalize, clip = Denormalize(mu, sigma), Clip()

    def detransform(t):
        return to_image(clip(denormalize(t)))

    model = TinyAlexNet()
    model.eval()
    activations = []

    def hook_acts(module, input, output):
        activations.append(output)

    def get_acts(model, input):
        del activations[:]
        _ = model(input)
        assert len(activations) == 1
        return activations[0]

    get_pytorch_module(model, layer).register_forward_hook(hook_acts)
    ref_acts = get_acts(model, img_).detach()
    x_ = (1e-3 * torch.randn(*img_.size())).requires_grad_(True)
    optimizer = torch.optim.SGD([x_], lr=learning_rate, momentum=momentum)
    for i in range(epochs):
        acts = get_acts(model, x_)
        tot_loss = alpha_lambda * alpha_prior(x_, alpha=alpha) + tv_lambda * tv_norm(x_, beta=beta) + norm_loss(acts, ref_acts)
        optimizer.zero_grad()
        tot_loss.backward()
        optimizer.step()
        if (i + 1) % print_iter == 0:
            print(f"Epoch {i + 1}: loss {tot_loss.item():.4f}")
        if (i + 1) % decay_iter == 0:
            decay_lr(optimizer, decay_factor)
    reference = detransform(img_[0])
    result = detransform(x_[0].data.cpu())
    print(reference.shape, result.shape)
    return x_


mu = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
sigma = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
img_ = (torch.rand(1, 3, 16, 16) - mu) / sigma
invert(img_)
