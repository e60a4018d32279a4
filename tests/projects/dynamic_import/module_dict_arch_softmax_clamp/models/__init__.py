from .linear import *  # noqa: F401,F403
from .softmax_head import *  # noqa: F401,F403
