# case: clean twin: the @contextmanager helper yields inside torch.no_grad() instead, so the predictions are normal tensors and rescaling them in place after the block is fine
from contextlib import contextmanager

import torch
import torch.nn as nn


@contextmanager
def eval_no_grad(model):
    was_training = model.training
    model.eval()
    with torch.no_grad():
        yield
    model.train(was_training)


model = nn.Linear(4, 4)
with eval_no_grad(model):
    boxes = torch.sigmoid(model(torch.randn(2, 4))) * 256
boxes[:, 0] = boxes[:, 0] * 640 / 256
print(boxes)
