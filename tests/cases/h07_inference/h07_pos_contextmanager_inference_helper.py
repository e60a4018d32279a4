# case: a @contextmanager helper puts the model in eval mode and yields inside torch.inference_mode(); predictions made in its with-block are inference tensors, and rescaling them in place after the block raises
from contextlib import contextmanager

import torch
import torch.nn as nn


@contextmanager
def eval_infer_mode(model):
    was_training = model.training
    model.eval()
    with torch.inference_mode():
        yield
    model.train(was_training)


model = nn.Linear(4, 4)
with eval_infer_mode(model):
    boxes = torch.sigmoid(model(torch.randn(2, 4))) * 256
boxes[:, 0] = boxes[:, 0] * 640 / 256  # expect: GG005  # raises: RuntimeError: Inplace update to inference tensor outside InferenceMode is not allowed
print(boxes)
