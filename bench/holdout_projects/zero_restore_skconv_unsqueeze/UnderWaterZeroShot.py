# case: zero-shot restoration: SKConv (model/skconv.py) calls conv(x).unsqueeze_(1) on the stem output, whose last layer is a non-inplace ReLU in model/blocks.py that saved it; the in-place view op bumps its version and loss.backward() fails (fix from the thread: clone in SKConv.forward)
# source: https://github.com/aupendu/zero-restore/issues/7
import torch

import model

torch.manual_seed(0)
net = model.make_model("water")
optimizer = torch.optim.Adam(net.parameters(), lr=1e-4)

hazy = torch.rand(1, 3, 64, 64)
trans, atm, out = net(hazy)
loss = torch.mean((out.clamp(0, 1) - hazy) ** 2) + 0.1 * torch.mean(torch.abs(trans - trans.mean()))
optimizer.zero_grad()
loss.backward()  # raises: RuntimeError: modified by an inplace operation
optimizer.step()
