# case: the same detector, driver chain in engine/ and partial-bound grid helper, with the split proposal columns widened out of place (`cx.unsqueeze(-1)`): the columns are still torch.split views of proposals that require grad, but nothing writes them, and training runs
import torch

from engine import run
from heads.refine import Detector

torch.manual_seed(0)
batches = [(torch.randn(2, 4, 6, 6), torch.randn(2, 5)) for _ in range(2)]
model = Detector(channels=4, proposals=5)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
run(model, optimizer, batches, epochs=2)
