# case: a training script validates after each epoch by passing its live model to `evaluate.run`, decorated by a decorator factory (`smart_inference_mode()` in utils/modes.py returns `torch.inference_mode()(fn)`) and casting the model with `half()` and back with `float()`: under inference mode the parameters' data become inference tensors, and the next epoch's forward cannot save the second layer's weight
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
    print(f"epoch {epoch}: {float(validate.run(model, batches)):.4f}")
