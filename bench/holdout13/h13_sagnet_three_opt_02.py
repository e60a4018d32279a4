# case: fix of the SagNet step that keeps its three optimisers: the style, adversarial and content losses are all differentiated before any parameter moves (the style loss only into the style network with backward(inputs=...), the adversarial loss with torch.autograd.grad into the early BatchNorm parameters), and the three optimizer steps run afterwards
# source: https://github.com/hyseob/SagNet/issues/3
import torch
import torch.nn as nn
import torch.optim as optim

torch.manual_seed(0)


class BasicBlock(nn.Module):
    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, kernel_size=3, padding=1, stride=stride, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, kernel_size=3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample

    def forward(self, x):
        residual = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        if self.downsample is not None:
            residual = self.downsample(x)
        out += residual
        return self.relu(out)


class StyleRandomization(nn.Module):
    def forward(self, x, eps=1e-5):
        N, C, H, W = x.size()
        if self.training:
            x = x.view(N, C, -1)
            mean, var = x.mean(-1, keepdim=True), x.var(-1, keepdim=True)
            x = (x - mean) / (var + eps).sqrt()
            idx_swap = torch.randperm(N)
            alpha = torch.rand(N, 1, 1)
            mean = alpha * mean + (1 - alpha) * mean[idx_swap]
            var = alpha * var + (1 - alpha) * var[idx_swap]
            x = (x * (var + eps).sqrt() + mean).view(N, C, H, W)
        return x


class ContentRandomization(nn.Module):
    def forward(self, x, eps=1e-5):
        N, C, H, W = x.size()
        if self.training:
            x = x.view(N, C, -1)
            mean, var = x.mean(-1, keepdim=True), x.var(-1, keepdim=True)
            x = (x - mean) / (var + eps).sqrt()
            x = x[torch.randperm(N)].detach()
            x = (x * (var + eps).sqrt() + mean).view(N, C, H, W)
        return x


class SagResNet(nn.Module):
    def __init__(self, num_classes=3, sagnet=True, style_stage=2):
        super().__init__()
        self.sagnet, self.style_stage = sagnet, style_stage
        self.inplanes = 8
        self.conv1 = nn.Conv2d(3, 8, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.relu = nn.ReLU(inplace=True)
        self.layer1 = self._make_layer(8, 1)
        self.layer2 = self._make_layer(16, 1, stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, num_classes)
        if self.sagnet:
            self.style_randomization = StyleRandomization()
            self.content_randomization = ContentRandomization()
            self.inplanes = 8
            self.style_net = nn.Sequential(self._make_layer(16, 1, stride=2))
            self.style_avgpool = nn.AdaptiveAvgPool2d(1)
            self.style_fc = nn.Linear(16, num_classes)

    def _make_layer(self, planes, blocks, stride=1):
        downsample = None
        if stride != 1 or self.inplanes != planes:
            downsample = nn.Sequential(nn.Conv2d(self.inplanes, planes, kernel_size=1, stride=stride, bias=False), nn.BatchNorm2d(planes))
        layers = [BasicBlock(self.inplanes, planes, stride, downsample)]
        self.inplanes = planes
        layers += [BasicBlock(self.inplanes, planes) for _ in range(1, blocks)]
        return nn.Sequential(*layers)

    def adv_params(self):
        params = []
        for layer in [self.bn1, self.layer1, self.layer2][: self.style_stage]:
            for m in layer.modules():
                if isinstance(m, nn.BatchNorm2d):
                    params += list(m.parameters())
        return params

    def style_params(self):
        return list(self.style_net.parameters()) + list(self.style_fc.parameters())

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        for i, layer in enumerate([self.layer1, self.layer2]):
            if self.sagnet and i + 1 == self.style_stage:
                x_style = self.content_randomization(x)
                x = self.style_randomization(x)
            x = layer(x)
        y = self.fc(self.avgpool(x).flatten(1))
        y_style = self.style_fc(self.style_avgpool(self.style_net(x_style)).flatten(1)) if self.sagnet else None
        return y, y_style


class AdvLoss(nn.Module):
    def forward(self, inputs, eps=1e-5):
        inputs = inputs.softmax(dim=1)
        return (-torch.log(inputs + eps).mean(dim=1)).mean()


model = SagResNet()
optim_hyperparams = {"lr": 0.01, "momentum": 0.9, "weight_decay": 1e-4}
style_ids = {id(p) for p in model.style_params()}
optimizer = optim.SGD([p for p in model.parameters() if id(p) not in style_ids], **optim_hyperparams)
optimizer_style = optim.SGD(model.style_params(), **optim_hyperparams)
optimizer_adv = optim.SGD(model.adv_params(), **optim_hyperparams)
criterion, criterion_adv = nn.CrossEntropyLoss(), AdvLoss()
w_adv, clip_adv = 0.1, 0.1

loader_srcs = [[(torch.rand(2, 3, 8, 8), torch.randint(0, 3, (2,))) for _ in range(2)] for _ in range(2)]
for step in range(2):
    model.train()
    data, label = zip(*[src[step] for src in loader_srcs])
    data, label = torch.cat(data), torch.cat(label)
    rand_idx = torch.randperm(len(data))
    data, label = data[rand_idx], label[rand_idx]

    y, y_style = model(data)
    loss_style = criterion(y_style, label)
    loss_adv = w_adv * criterion_adv(y_style)
    loss = criterion(y, label)

    optimizer_style.zero_grad()
    loss_style.backward(retain_graph=True, inputs=model.style_params())
    adv_grads = torch.autograd.grad(loss_adv, model.adv_params(), retain_graph=True)
    optimizer.zero_grad()
    loss.backward()

    optimizer_style.step()
    optimizer.step()
    for p, g in zip(model.adv_params(), adv_grads):
        p.grad = g
    torch.nn.utils.clip_grad_norm_(model.adv_params(), clip_adv)
    optimizer_adv.step()
