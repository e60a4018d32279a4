from . import tensor_parallel

__all__ = ["tensor_parallel"]
