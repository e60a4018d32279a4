from .networks import D_Net, G_Net

__all__ = ["D_Net", "G_Net"]
