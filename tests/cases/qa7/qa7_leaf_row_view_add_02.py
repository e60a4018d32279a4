# case: clean twin: the row update is done under torch.no_grad()
# source: https://siteproxy.ruqli.workers.dev:443/https/wenku.csdn.net/answer/4mnygadxby
import torch

weight = torch.randn(3, 3, requires_grad=True)
with torch.no_grad():
    weight_view = weight[0]
    weight_view.add_(1)
loss = (weight * 2).sum()
loss.backward()
