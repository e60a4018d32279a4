from .conv import DistributedConv1d
from .halo_exchange import HaloExchange

__all__ = ["DistributedConv1d", "HaloExchange"]
