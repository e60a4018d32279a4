# case: fastai DynamicUnet with ReLU(inplace=True) at the base, right after a BatchNorm2d (the PR), plus in-place ReLUs after every conv+BN and after the skip concat in UnetBlock; batchnorm and cat do not save their outputs, so training runs cleanly
# source: https://github.com/fastai/fastai/pull/1115
import torch
import torch.nn.functional as F

from unet import DynamicUnet

torch.manual_seed(0)
model = DynamicUnet(n_classes=2)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

for step in range(2):
    images = torch.randn(2, 3, 16, 16)
    target = torch.randint(0, 2, (2, 16, 16))
    loss = F.cross_entropy(model(images), target)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print("loss", loss.item())
