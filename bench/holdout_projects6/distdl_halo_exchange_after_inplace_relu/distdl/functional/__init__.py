from .halo_exchange import HaloExchangeFunction

__all__ = ["HaloExchangeFunction"]
