# case: MVANet.__init__ flips m.inplace = True on every nn.Dropout; in MCLM (another file) that dropout then overwrites the F.relu output the relu saved, so loss.backward() fails (the local branch is safe: it clones first)
# source: https://github.com/qianyu-dlut/MVANet/issues/2
import torch
import torch.nn.functional as F

from model import MVANet

torch.manual_seed(0)

generator = MVANet(emb_dim=16)
optimizer = torch.optim.Adam(generator.parameters(), lr=1e-5)

images = torch.randn(1, 3, 32, 32)
gts = (torch.rand(1, 1, 32, 32) > 0.5).float()

generator.train()
pred = generator(images)
loss = F.binary_cross_entropy_with_logits(pred, gts)
optimizer.zero_grad()
loss.backward()  # raises: RuntimeError: modified by an inplace operation
optimizer.step()
