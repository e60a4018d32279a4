from .compute import *
from .log_print import *
from .model_transform import *
from .others import *
