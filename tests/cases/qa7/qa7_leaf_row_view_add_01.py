# case: a row of a leaf weight taken as a view (weight[0]) and updated in place with add_
# source: https://siteproxy.ruqli.workers.dev:443/https/wenku.csdn.net/answer/4mnygadxby
import torch

weight = torch.randn(3, 3, requires_grad=True)
weight_view = weight[0]
weight_view.add_(1)  # expect: GG001  # raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation
loss = (weight * 2).sum()
loss.backward()
