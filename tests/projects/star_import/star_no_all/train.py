# case: `from utils import *` (utils has no __all__) brings rescale_, which divides a relu output in place
import torch

from model import Backbone
from utils import *

torch.manual_seed(0)
backbone = Backbone()
z = torch.relu(backbone(torch.randn(4, 6)))  # saver
z = rescale_(z, 4.0)
z.sum().backward()  # raises: RuntimeError: modified by an inplace operation
