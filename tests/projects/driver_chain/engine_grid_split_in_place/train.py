# case: a detector trained through a driver chain in engine/ (run -> train_epochs -> train_epoch -> run_batch, each handing the model down) whose refinement head, in heads/refine.py, calls a grid helper bound with functools.partial on proposals the model's region head predicted (they require grad); the helper splits the proposals into columns with torch.split and widens two of them in place with unsqueeze_
import torch

from engine import run
from heads.refine import Detector

torch.manual_seed(0)
batches = [(torch.randn(2, 4, 6, 6), torch.randn(2, 5)) for _ in range(2)]
model = Detector(channels=4, proposals=5)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
run(model, optimizer, batches, epochs=2)
