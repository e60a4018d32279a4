# case: heads.split_params returns x.chunk(2); the log-sigma chunk is clamped out of place
import torch

from heads import GaussianHead, split_params

torch.manual_seed(0)
head = GaussianHead(4, 2)
mu, log_sigma = split_params(head(torch.randn(3, 4)))
log_sigma = log_sigma.clamp(-5.0, 2.0)
nll = (log_sigma + 0.5 * (mu / log_sigma.exp()) ** 2).mean()
nll.backward()
