# case: heads.split_params returns x.chunk(2); train.py clamps the log-sigma chunk in place
import torch

from heads import GaussianHead, split_params

torch.manual_seed(0)
head = GaussianHead(4, 2)
mu, log_sigma = split_params(head(torch.randn(3, 4)))
log_sigma.clamp_(-5.0, 2.0)  # expect: GG003 # raises: RuntimeError: This view is the output of a function that returns multiple views
nll = (log_sigma + 0.5 * (mu / log_sigma.exp()) ** 2).mean()
nll.backward()
