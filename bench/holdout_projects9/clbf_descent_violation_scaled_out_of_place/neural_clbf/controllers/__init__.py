from .clf_controller import CLFController
from .neural_clbf_controller import NeuralCLBFController

__all__ = ["CLFController", "NeuralCLBFController"]
