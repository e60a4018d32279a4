from .agent import SAC
from .networks import FCGP, FCQSA
