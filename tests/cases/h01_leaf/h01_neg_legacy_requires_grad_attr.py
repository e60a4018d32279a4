# case: the same initialisation done before the grad flag is set (the usual fix)
import torch

w = torch.FloatTensor(3, 4)
w.normal_()
w.requires_grad = True
(w * 2).sum().backward()
