from .core import DNN, PredictionLayer
from .interaction import FM
from .utils import concat_fun, slice_arrays
