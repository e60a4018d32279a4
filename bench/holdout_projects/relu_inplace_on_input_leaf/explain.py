# case: the model's forward starts with F.relu(x, inplace=True) (models/net.py); training works, but interpret/saliency.py feeds it a leaf input with requires_grad=True, so the in-place ReLU fails on the leaf; interpret/ is a namespace package
# source: https://github.com/pytorch/pytorch/issues/727
import torch

from interpret.saliency import saliency_map
from models import Net

torch.manual_seed(0)
model = Net()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
features = torch.randn(4, 6, 10, 10)
labels = torch.tensor([0, 1, 2, 0])

# one training step: the input does not require grad, the in-place ReLU is harmless here
loss = torch.nn.functional.cross_entropy(model(features.clone()), labels)
optimizer.zero_grad()
loss.backward()
optimizer.step()

model.eval()
sal = saliency_map(model, features, labels)
print(sal.shape)
