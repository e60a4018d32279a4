# case: CfC hidden state carried across batches but detached after each step (truncated BPTT, the usual answer to the thread); each backward stays inside its own batch's graph, so the optimizer.step() calls are harmless and training runs cleanly
# source: https://github.com/mlech26l/ncps/issues/62
import torch
import torch.nn.functional as F

from models import CfC

torch.manual_seed(0)
model = CfC(input_size=7, units=10, proj_size=1)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

batches = [(torch.randn(4, 5, 7), torch.randn(4, 5, 1)) for _ in range(3)]
hx = None
for epoch in range(2):
    for x, y in batches:
        optimizer.zero_grad()
        y_hat, hx = model(x, hx)
        loss = F.mse_loss(y_hat, y)
        loss.backward()
        optimizer.step()
        hx = hx.detach()
print("loss", loss.item())
