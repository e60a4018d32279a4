# case: `from utils import *` (no __all__); rescale_ divides the linear output before the relu
import torch

from model import Backbone
from utils import *

torch.manual_seed(0)
backbone = Backbone()
z = rescale_(backbone(torch.randn(4, 6)), 4.0)
z = torch.relu(z)
z.sum().backward()
