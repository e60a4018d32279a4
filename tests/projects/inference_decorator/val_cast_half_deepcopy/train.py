# case: the same training script validating a deep copy of the model (`evaluate.run(copy.deepcopy(model), batches)`): only the copy's parameters become inference tensors under the decorator's inference mode, and training the live model runs cleanly
import copy

import torch

import evaluate as validate
from nets import Regressor

torch.manual_seed(0)
model = Regressor()
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
batches = [torch.randn(3, 4) for _ in range(2)]

for epoch in range(2):
    model.train()
    for x in batches:
        loss = model(x).pow(2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(f"epoch {epoch}: {float(validate.run(copy.deepcopy(model), batches)):.4f}")
