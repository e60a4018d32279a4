from .misc import *
from .torch import *
from .log import Logger
