from .common_utils import *  # noqa: F401,F403
from .distributed_utils import *  # noqa: F401,F403
