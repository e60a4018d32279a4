from .misc_models import MLP, ListOfModels

__all__ = ["MLP", "ListOfModels"]
